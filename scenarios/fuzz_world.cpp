// fuzz_world.cpp: a fuzz case rendered as a scenario document (see fuzz_world.hpp).
#include "scenarios/fuzz_world.hpp"

namespace sealsim::scenarios {

namespace {

using nlohmann::json;

// Every task a sealing worker runs (sealing/storage/task_type.hpp short names).
const std::vector<std::string>& worker_tasks() {
  static const std::vector<std::string> tasks = {"AP", "PC1", "PC2", "C1", "C2", "FIN", "GET", "UNS"};
  return tasks;
}

json timeline_action(const WorldEvent& e) {
  switch (e.kind) {
    case WorldEventKind::Pledge: return {{"pledge", {{"count", e.count}}}};
    case WorldEventKind::Reorg: return {{"reorg", {{"depth", e.count}}}};
    case WorldEventKind::NullRounds: return {{"null_rounds", {{"count", e.count}}}};
    case WorldEventKind::MessageFault:
      return {{"message_fault", {{"method", e.name}, {"exit_code", e.exit_code}, {"count", e.count}}}};
    case WorldEventKind::ChainFault: return {{"chain_fault", {{"call", e.name}, {"count", e.count}}}};
    case WorldEventKind::WorkerLost: return {{"worker_lost", {{"worker", e.name}}}};
    case WorldEventKind::PathFull: return {{"path_full", {{"path", e.name}}}};
    case WorldEventKind::TaskFault: return {{"task_fault", {{"task", e.name}, {"count", e.count}}}};
    case WorldEventKind::Restart:
      return e.name.empty() ? json{{"restart", json::object()}} : json{{"restart", {{"after_push", e.name}}}};
    case WorldEventKind::Remove: return {{"operator", {{"command", "remove"}, {"sector", e.sector}}}};
    case WorldEventKind::Terminate: return {{"operator", {{"command", "terminate"}, {"sector", e.sector}}}};
    case WorldEventKind::Advance: break;
  }
  return json();
}

}  // namespace

std::string_view world_event_kind_name(WorldEventKind kind) {
  switch (kind) {
    case WorldEventKind::Pledge: return "pledge";
    case WorldEventKind::Advance: return "advance";
    case WorldEventKind::Reorg: return "reorg";
    case WorldEventKind::NullRounds: return "null_rounds";
    case WorldEventKind::MessageFault: return "message_fault";
    case WorldEventKind::ChainFault: return "chain_fault";
    case WorldEventKind::WorkerLost: return "worker_lost";
    case WorldEventKind::PathFull: return "path_full";
    case WorldEventKind::TaskFault: return "task_fault";
    case WorldEventKind::Restart: return "restart";
    case WorldEventKind::Remove: return "remove";
    case WorldEventKind::Terminate: return "terminate";
  }
  return "?";
}

std::vector<std::int64_t> world_event_epochs(const std::vector<WorldEvent>& events) {
  std::vector<std::int64_t> epochs;
  std::int64_t epoch = kFuzzFirstEventEpoch;
  for (const auto& e : events) {
    epochs.push_back(epoch);
    if (e.kind == WorldEventKind::Advance) epoch += static_cast<std::int64_t>(e.count);
  }
  return epochs;
}

json render_fuzz_scenario(const std::string& name, const std::string& description, const SwarmSetup& setup,
                          const std::vector<WorldEvent>& events, const json& expect) {
  json sealing = {{"batch_pre_commits", setup.batch_pre_commits},
                  {"aggregate_commits", setup.aggregate_commits},
                  {"pre_commit_batch_wait", setup.pre_commit_batch_wait},
                  {"commit_batch_wait", setup.commit_batch_wait}};
  if (setup.aggregate_always) sealing["aggregate_above_base_fee_atto"] = 0;
  json workers = json::array();
  for (int i = 1; i <= setup.workers; ++i) workers.push_back({{"name", "w" + std::to_string(i)}, {"tasks", worker_tasks()}});
  json storage = json::array();
  for (int i = 1; i <= setup.storage_paths; ++i) {
    storage.push_back({{"path", "p" + std::to_string(i)}, {"capacity", "1TiB"}, {"seal", true}, {"store", true}});
  }
  json durations = json::object();
  for (const auto& [task, seconds] : setup.durations) durations[task] = seconds;

  json timeline = json::array();
  const auto epochs = world_event_epochs(events);
  std::int64_t last = kFuzzFirstEventEpoch;
  for (std::size_t i = 0; i < events.size(); ++i) {
    last = epochs[i] + (events[i].kind == WorldEventKind::Advance ? static_cast<std::int64_t>(events[i].count) : 0);
    if (events[i].kind == WorldEventKind::Advance) continue;
    json entry = {{"at", epochs[i]}};
    entry.update(timeline_action(events[i]));
    timeline.push_back(std::move(entry));
  }
  for (int i = 1; i <= kFuzzHealingRestarts; ++i) {
    timeline.push_back({{"at", last + i * kFuzzHealingRestartSpacing}, {"restart", json::object()}});
  }
  return json{{"name", name},
              {"description", description},
              {"seed", setup.scenario_seed},
              {"proofs", "mock"},
              {"proof_type", "2KiB"},
              {"sealing", sealing},
              {"workers", workers},
              {"storage", storage},
              {"durations", durations},
              {"end", {{"epoch", last + kFuzzSettleEpochs}}},
              {"timeline", timeline},
              {"expect", expect.is_null() ? json::object() : expect}};
}

std::string describe_world_event(const WorldEvent& e) {
  std::string out(world_event_kind_name(e.kind));
  switch (e.kind) {
    case WorldEventKind::Pledge:
    case WorldEventKind::Advance:
    case WorldEventKind::Reorg:
    case WorldEventKind::NullRounds: return out + " " + std::to_string(e.count);
    case WorldEventKind::MessageFault: return out + " " + e.name + " " + e.exit_code + " x" + std::to_string(e.count);
    case WorldEventKind::ChainFault:
    case WorldEventKind::TaskFault: return out + " " + e.name + " x" + std::to_string(e.count);
    case WorldEventKind::WorkerLost:
    case WorldEventKind::PathFull: return out + " " + e.name;
    case WorldEventKind::Restart: return e.name.empty() ? out : out + " after_push " + e.name;
    case WorldEventKind::Remove:
    case WorldEventKind::Terminate: return out + " sector " + std::to_string(e.sector);
  }
  return out;
}

}  // namespace sealsim::scenarios
