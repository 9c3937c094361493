// scheduler_trace.cpp: names of trace events and their JSON form.
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
    case SchedulerTraceKind::PathUsage: return "PathUsage";
  }
  return "Unknown";
}

nlohmann::ordered_json to_json(const SchedulerTraceEvent& event) {
  nlohmann::ordered_json json;
  json["time_ms"] = event.time.count();
  json["event"] = std::string(to_string(event.kind));
  if (event.task_id) json["task_id"] = *event.task_id;
  if (event.task) json["task"] = std::string(to_string(*event.task));
  if (event.sector) {
    json["sector"] = nlohmann::ordered_json{{"miner", event.sector->miner},
                                            {"number", event.sector->number}};
  }
  if (event.worker) json["worker"] = *event.worker;
  if (event.queue_wait) json["queue_wait_ms"] = event.queue_wait->count();
  if (event.run_time) json["run_time_ms"] = event.run_time->count();
  if (const auto& usage = event.worker_usage) {
    json["worker_usage"] = nlohmann::ordered_json{{"active_tasks", usage->active_tasks},
                                                  {"active_cpus", usage->active_cpus},
                                                  {"active_gpu_tasks", usage->active_gpu_tasks},
                                                  {"active_memory_min", usage->active_memory_min},
                                                  {"active_memory_max", usage->active_memory_max},
                                                  {"preparing_tasks", usage->preparing_tasks}};
  }
  if (const auto& path = event.path) {
    json["path"] = nlohmann::ordered_json{{"id", path->path},          {"name", path->name},
                                          {"capacity", path->capacity}, {"used", path->used},
                                          {"reserved", path->reserved}, {"available", path->available}};
  }
  if (!event.detail.empty()) json["detail"] = event.detail;
  return json;
}

void JsonLinesTraceSink::record(const SchedulerTraceEvent& event) {
  out_ << to_json(event).dump() << '\n';
}

}  // namespace sealsim::sealing
