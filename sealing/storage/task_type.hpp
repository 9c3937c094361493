// task_type.hpp: the sector-storage task types and their scheduling order (spec sealing-fsm.md §14.2).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace sealsim::sealing {

enum class TaskType {
  Finalize,
  Fetch,
  Unseal,
  Commit1,
  Commit2,
  PreCommit2,
  PreCommit1,
  AddPiece,
};

struct TaskTypeInfo {
  TaskType type;
  std::string_view id;          // Lotus task id, e.g. "seal/v0/precommit/1"
  std::string_view short_name;  // Lotus short name, e.g. "PC1"
  int order;                    // lower = scheduled first; negative = Finalize/Fetch
};

// Every task type, in declaration order; the one table the queue ordering and names derive from.
const std::array<TaskTypeInfo, 8>& all_task_types();
const TaskTypeInfo& task_type_info(TaskType type);
std::string_view to_string(TaskType type);  // the short name
// Accepts the short name ("PC1") or the Lotus id ("seal/v0/precommit/1").
std::optional<TaskType> parse_task_type(std::string_view text);

// Lotus TaskType.Less: a task with a negative order value precedes one without; otherwise the
// lower order value goes first.
bool task_type_precedes(TaskType a, TaskType b);

}  // namespace sealsim::sealing
