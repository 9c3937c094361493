// task_type.cpp: task type table (Lotus v1.11.0 extern/sector-storage/sealtasks/task.go).
#include "sealing/storage/task_type.hpp"

#include <cstddef>

namespace sealsim::sealing {

const std::array<TaskTypeInfo, 8>& all_task_types() {
  static constexpr std::array<TaskTypeInfo, 8> kTable{{
      {TaskType::Finalize, "seal/v0/finalize", "FIN", -2},
      {TaskType::Fetch, "seal/v0/fetch", "GET", -1},
      {TaskType::Unseal, "seal/v0/unseal", "UNS", 1},
      {TaskType::Commit1, "seal/v0/commit/1", "C1", 2},
      {TaskType::Commit2, "seal/v0/commit/2", "C2", 3},
      {TaskType::PreCommit2, "seal/v0/precommit/2", "PC2", 4},
      {TaskType::PreCommit1, "seal/v0/precommit/1", "PC1", 5},
      {TaskType::AddPiece, "seal/v0/addpiece", "AP", 6},
  }};
  return kTable;
}

const TaskTypeInfo& task_type_info(TaskType type) {
  return all_task_types()[static_cast<std::size_t>(type)];
}

std::string_view to_string(TaskType type) { return task_type_info(type).short_name; }

std::optional<TaskType> parse_task_type(std::string_view text) {
  for (const auto& info : all_task_types()) {
    if (info.short_name == text || info.id == text) return info.type;
  }
  return std::nullopt;
}

bool task_type_precedes(TaskType a, TaskType b) {
  const int order_a = task_type_info(a).order;
  const int order_b = task_type_info(b).order;
  const bool urgent_a = order_a < 0;
  const bool urgent_b = order_b < 0;
  if (urgent_a != urgent_b) return urgent_a;
  return order_a < order_b;
}

}  // namespace sealsim::sealing
