// request_queue.hpp: the scheduler's request queue and its ordering (spec sealing-fsm.md §14.3,
// Lotus v1.11.0 request_queue.go).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/sector_id.hpp"
#include "sealing/sector_priority.hpp"
#include "sealing/storage/task_type.hpp"

namespace sealsim::sealing {

using TaskId = std::uint64_t;

struct QueuedRequest {
  TaskId task_id = 0;
  SectorId sector;
  TaskType task = TaskType::AddPiece;
  int priority = 0;
  // Submission order; the last tie-break, so the order never depends on container internals
  // (Lotus keeps a heap whose order among equal keys is unspecified).
  std::uint64_t sequence = 0;
};

// Finalize/Fetch before others, then higher priority, then lower task order value, then lower
// sector number, then earlier submission.
bool request_precedes(const QueuedRequest& a, const QueuedRequest& b);

// Requests kept sorted by request_precedes.
class RequestQueue {
 public:
  void push(const QueuedRequest& request);
  QueuedRequest remove(std::size_t index);
  // Removes the request of `task_id`; returns false when it is not queued.
  bool remove_task(TaskId task_id);
  bool contains(TaskId task_id) const;

  std::size_t size() const { return requests_.size(); }
  bool empty() const { return requests_.empty(); }
  const QueuedRequest& operator[](std::size_t index) const { return requests_[index]; }
  auto begin() const { return requests_.begin(); }
  auto end() const { return requests_.end(); }
  // Removes every request for which keep[i] is false, in one pass.
  void retain(const std::vector<bool>& keep);

 private:
  std::vector<QueuedRequest> requests_;
};

}  // namespace sealsim::sealing
