// scheduler_trace.cpp: names of scheduler trace events.
#include "sealing/storage/scheduler_trace.hpp"

namespace sealsim::sealing {

std::string_view to_string(SchedulerTraceKind kind) {
  switch (kind) {
    case SchedulerTraceKind::Submitted: return "TaskSubmitted";
    case SchedulerTraceKind::Assigned: return "TaskAssigned";
    case SchedulerTraceKind::PrepareStarted: return "TaskPrepareStarted";
    case SchedulerTraceKind::WorkStarted: return "TaskWorkStarted";
    case SchedulerTraceKind::Finished: return "TaskFinished";
    case SchedulerTraceKind::Failed: return "TaskFailed";
    case SchedulerTraceKind::Requeued: return "TaskRequeued";
    case SchedulerTraceKind::NoCapableWorker: return "TaskNoCapableWorker";
    case SchedulerTraceKind::WorkerAdded: return "WorkerAdded";
    case SchedulerTraceKind::WorkerLost: return "WorkerLost";
    case SchedulerTraceKind::WorkerReconnected: return "WorkerReconnected";
  }
  return "Unknown";
}

}  // namespace sealsim::sealing
