// request_queue.cpp: sorted request queue.
#include "sealing/storage/request_queue.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace sealsim::sealing {

bool request_precedes(const QueuedRequest& a, const QueuedRequest& b) {
  const bool urgent_a = task_type_info(a.task).order < 0;
  const bool urgent_b = task_type_info(b.task).order < 0;
  if (urgent_a != urgent_b) return urgent_a;
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.task != b.task) return task_type_precedes(a.task, b.task);
  if (a.sector.number != b.sector.number) return a.sector.number < b.sector.number;
  return a.sequence < b.sequence;
}

void RequestQueue::push(const QueuedRequest& request) {
  const auto position =
      std::upper_bound(requests_.begin(), requests_.end(), request, request_precedes);
  requests_.insert(position, request);
}

QueuedRequest RequestQueue::remove(std::size_t index) {
  if (index >= requests_.size()) throw std::out_of_range("request queue index out of range");
  QueuedRequest removed = requests_[index];
  requests_.erase(requests_.begin() + static_cast<std::ptrdiff_t>(index));
  return removed;
}

bool RequestQueue::remove_task(TaskId task_id) {
  const auto found = std::find_if(requests_.begin(), requests_.end(),
                                  [&](const QueuedRequest& r) { return r.task_id == task_id; });
  if (found == requests_.end()) return false;
  requests_.erase(found);
  return true;
}

bool RequestQueue::contains(TaskId task_id) const {
  return std::any_of(requests_.begin(), requests_.end(),
                     [&](const QueuedRequest& r) { return r.task_id == task_id; });
}

void RequestQueue::retain(const std::vector<bool>& keep) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < requests_.size(); ++i) {
    if (keep[i]) requests_[out++] = requests_[i];
  }
  requests_.resize(out);
}

}  // namespace sealsim::sealing
