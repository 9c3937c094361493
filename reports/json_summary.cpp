// json_summary.cpp: a run's summary as JSON with a stable field order.
#include "reports/json_summary.hpp"

namespace sealsim::reports {

nlohmann::ordered_json run_summary_json(const scenarios::RunResult& run) {
  nlohmann::ordered_json j;
  j["scenario"] = run.scenario_name;
  j["seed"] = run.seed;
  j["proofs"] = std::string(scenarios::proofs_name(run.proofs));
  j["passed"] = run.passed();
  j["stop"] = run.stop ? nlohmann::ordered_json(*run.stop) : nlohmann::ordered_json(nullptr);
  j["end_epoch"] = run.end_epoch;
  j["reached_epoch"] = run.reached_epoch;
  j["events"] = run.events;
  j["trace_hash"] = run.trace_hash;
  auto& expectations = j["expectations"] = nlohmann::ordered_json::array();
  for (const auto& e : run.expectations) {
    expectations.push_back({{"expectation", e.expectation}, {"held", e.held}, {"explanation", e.explanation}});
  }
  auto& sectors = j["sectors"] = nlohmann::ordered_json::array();
  for (const auto& [n, h] : run.sectors) {
    nlohmann::ordered_json s;
    s["sector"] = n;
    s["created"] = h.created;
    s["final_state"] = h.final_state;
    s["halted"] = h.halted;
    auto& history = s["history"] = nlohmann::ordered_json::array();
    for (const auto& [epoch, state] : h.states) history.push_back({{"epoch", epoch}, {"state", state}});
    sectors.push_back(std::move(s));
  }
  auto& deals = j["deals"] = nlohmann::ordered_json::array();
  for (const auto& [n, d] : run.deals) {
    nlohmann::ordered_json o;
    o["deal"] = n;
    o["proposed"] = d.proposed;
    o["final_state"] = d.final_state;
    o["deal_id"] = d.deal_id ? nlohmann::ordered_json(*d.deal_id) : nlohmann::ordered_json(nullptr);
    o["sector"] = d.sector ? nlohmann::ordered_json(*d.sector) : nlohmann::ordered_json(nullptr);
    o["message"] = d.message;
    auto& history = o["history"] = nlohmann::ordered_json::array();
    for (const auto& [epoch, state] : d.states) history.push_back({{"epoch", epoch}, {"state", state}});
    deals.push_back(std::move(o));
  }
  auto& messages = j["messages"] = nlohmann::ordered_json::array();
  for (const auto& m : run.messages) {
    nlohmann::ordered_json o;
    o["cid"] = m.cid;
    o["method"] = m.method;
    o["pushed"] = m.pushed;
    o["included"] = m.included ? nlohmann::ordered_json(*m.included) : nlohmann::ordered_json(nullptr);
    o["status"] = m.status;
    o["exit_code"] = m.exit_code;
    messages.push_back(std::move(o));
  }
  auto& workers = j["worker_usage"] = nlohmann::ordered_json::array();
  for (const auto& w : run.worker_usage) {
    nlohmann::ordered_json o;
    o["worker"] = w.worker;
    o["from"] = w.from;
    o["to"] = w.to;
    o["active_tasks"] = w.active_tasks;
    o["preparing_tasks"] = w.preparing_tasks;
    o["active_cpus"] = w.active_cpus;
    o["active_gpu_tasks"] = w.active_gpu_tasks;
    o["connected"] = w.connected;
    workers.push_back(std::move(o));
  }
  j["findings"] = run.findings;
  return j;
}

}  // namespace sealsim::reports
