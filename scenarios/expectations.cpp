// expectations.cpp: `expect` against a run's summary.
#include "scenarios/expectations.hpp"

namespace sealsim::scenarios {

namespace {

std::string state_label(const std::string& name) { return name.empty() ? "Undefined" : name; }

std::string history_text(const SectorHistory& h) {
  std::string out;
  for (const auto& [epoch, state] : h.states) {
    out += (out.empty() ? "" : " -> ") + state_label(state) + "@" + std::to_string(epoch);
  }
  return out.empty() ? "(no plan calls)" : out;
}

}  // namespace

std::vector<ExpectationOutcome> evaluate_expectations(const Expectations& expect, const RunResult& run) {
  std::vector<ExpectationOutcome> out;
  for (const auto& e : expect.sectors) {
    const std::string want(sealing::state_name(e.state));
    ExpectationOutcome o{"sector " + std::to_string(e.sector) + " ends in " + want, false, ""};
    const auto found = run.sectors.find(e.sector);
    if (found == run.sectors.end() || found->second.final_state.empty()) {
      o.explanation = "the run has no sector " + std::to_string(e.sector);
    } else {
      o.held = found->second.final_state == want;
      if (!o.held) {
        o.explanation = "it ended in " + state_label(found->second.final_state) + " (history: " +
                        history_text(found->second) + (found->second.halted ? "; its machine halted" : "") + ")";
      }
    }
    out.push_back(std::move(o));
  }
  for (const auto& e : expect.deals) {
    ExpectationOutcome o{"deal " + std::to_string(e.deal) + " ends in " + e.state, false, ""};
    const auto found = run.deals.find(e.deal);
    if (found == run.deals.end() || found->second.final_state.empty()) {
      o.explanation = found == run.deals.end() ? "the run has no deal " + std::to_string(e.deal)
                                               : "deal " + std::to_string(e.deal) + " never reached the provider";
    } else {
      const DealHistory& h = found->second;
      o.held = h.final_state == e.state;
      if (!o.held) {
        std::string history;
        for (const auto& [epoch, state] : h.states) history += (history.empty() ? "" : " -> ") + state + "@" + std::to_string(epoch);
        o.explanation = "it ended in " + h.final_state + " (history: " + history + ")" +
                        (h.message.empty() ? "" : "; message: " + h.message);
      }
    }
    out.push_back(std::move(o));
  }
  for (const auto& [state, count] : expect.counts) {
    const std::string name(sealing::state_name(state));
    std::uint64_t seen = 0;
    for (const auto& [n, h] : run.sectors) seen += h.final_state == name ? 1u : 0u;
    out.push_back({std::to_string(count) + " sector(s) end in " + name, seen == count,
                   seen == count ? "" : std::to_string(seen) + " did"});
  }
  for (const auto& [method, count] : expect.messages) {
    std::uint64_t seen = 0;
    for (const auto& m : run.messages) seen += (m.method == method && m.included) ? 1u : 0u;
    out.push_back({std::to_string(count) + " " + method + " message(s) on chain", seen == count,
                   seen == count ? "" : std::to_string(seen) + " were included"});
  }
  for (const auto& text : expect.findings_must) {
    bool seen = false;
    for (const auto& f : run.findings) seen = seen || f.find(text) != std::string::npos;
    out.push_back({"a finding mentions \"" + text + "\"", seen,
                   seen ? "" : run.findings.empty() ? "there were no findings"
                                                    : "findings were: " + run.findings.front() +
                                                          (run.findings.size() > 1 ? " (and " + std::to_string(run.findings.size() - 1) + " more)" : "")});
  }
  for (const auto& text : expect.findings_must_not) {
    std::string hit;
    for (const auto& f : run.findings) {
      if (hit.empty() && f.find(text) != std::string::npos) hit = f;
    }
    out.push_back({"no finding mentions \"" + text + "\"", hit.empty(), hit.empty() ? "" : "found: " + hit});
  }
  if (expect.liveness_epochs) {
    const ChainEpoch bound = *expect.liveness_epochs;
    std::string late;
    for (const auto& [n, h] : run.sectors) {
      std::optional<ChainEpoch> reached;
      for (const auto& [epoch, state] : h.states) {
        if (!reached && (state == "Proving" || state == "Removed")) reached = epoch;
      }
      if (!reached || *reached - h.created > bound) {
        late = "sector " + std::to_string(n) + " created at epoch " + std::to_string(h.created) +
               (reached ? " reached Proving or Removed only at epoch " + std::to_string(*reached)
                        : " never reached Proving or Removed (last: " +
                              state_label(h.states.empty() ? "" : h.states.back().second) + ")");
        break;
      }
    }
    out.push_back({"every sector reaches Proving or Removed within " + std::to_string(bound) + " epochs", late.empty(),
                   late});
  }
  return out;
}

}  // namespace sealsim::scenarios
