// fuzz_verdict.cpp: liveness and planner halts of a fuzz case's run, with the known findings
// accepted (see fuzz_verdict.hpp).
#include "scenarios/fuzz_verdict.hpp"

#include <optional>

namespace sealsim::scenarios {

namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// A planner halt Lotus v1.11.0 has too (its id), or nullopt for one that is a failure.
std::optional<std::string> known_halt(const std::string& finding) {
  if (contains(finding, "state GetTicket") && contains(finding, "SectorSealPreCommit1Failed")) return "Q1";
  if (contains(finding, "SectorChainPreCommitFailed") &&
      (contains(finding, "state SubmitPreCommitBatch") || contains(finding, "state PreCommitBatchWait"))) {
    return "Q2";
  }
  if (contains(finding, "SectorSeedReady")) return "Q6";
  if (contains(finding, "planner for state Removing received unexpected event") ||
      contains(finding, "planner for state Terminating received unexpected event") ||
      contains(finding, "didn't expect any events in state Removed")) {
    return "global-while-busy";
  }
  return std::nullopt;
}

bool ever_in(const SectorHistory& h, std::string_view state) {
  for (const auto& [epoch, s] : h.states) {
    if (s == state) return true;
  }
  return false;
}

// Whether a restart of the run fell while the sector was in Packing (entered at or before the
// restart's epoch, left at or after it).
bool restarted_in_packing(const SectorHistory& h, const std::vector<ChainEpoch>& restarts) {
  for (std::size_t i = 0; i < h.states.size(); ++i) {
    if (h.states[i].second != "Packing") continue;
    const ChainEpoch entered = h.states[i].first;
    const bool still_packing = i + 1 == h.states.size();
    const ChainEpoch left = still_packing ? entered : h.states[i + 1].first;
    for (const ChainEpoch r : restarts) {
      if (r >= entered && (still_packing || r <= left)) return true;
    }
  }
  return false;
}

// A sector that never reached Proving or Removed, excused by Lotus's own behaviour or a known
// limit of the mock model (its id).
std::optional<std::string> known_stuck(const SectorHistory& h, const std::vector<ChainEpoch>& restarts) {
  const std::string last = h.states.empty() ? "" : h.states.back().second;
  if (last == "TerminateWait") return "Q8";
  if (last == "TerminateFailed") return "terminate-precommitted";
  const bool pc1_loop = last == "SealPreCommit1Failed" || last == "PreCommit1";
  if (pc1_loop && ever_in(h, "PreCommit2")) return "mock-second-pc1";
  if (pc1_loop && restarted_in_packing(h, restarts)) return "mock-duplicate-pieces";
  return std::nullopt;
}

}  // namespace

const std::vector<KnownFuzzFinding>& known_fuzz_findings() {
  static const std::vector<KnownFuzzFinding> list = {
      {"Q1", "SectorSealPreCommit1Failed sent from GetTicket halts the sector (sealing-fsm.md §16 Q1, §8.4)"},
      {"Q2", "SubmitPreCommitBatch sends SectorChainPreCommitFailed after another event; the planner halts "
             "(§16 Q2, fixed in Lotus v1.11.1)"},
      {"Q6", "a late second SectorSeedReady (reorg) after Committing halts the sector (§16 Q6, §8.11)"},
      {"global-while-busy",
       "an operator remove/terminate (or force_state Removed) reaching a sector while its handler runs waits in "
       "the queue (sealing-fsm.md §1); the global mutator ends the plan call (§5), and the event the handler then "
       "sends has no row in Removing/Terminating (or Removed's final planner rejects it): the machine halts until "
       "restart (§1.4), Lotus v1.11.0 behaviour (scenarios/library/cc-remove-during-packing.json)"},
      {"Q8", "terminating an already terminated sector waits in TerminateWait with no message forever (§16 Q8, §8.19)"},
      {"terminate-precommitted",
       "terminating a sector that is precommitted but not proven stalls in TerminateFailed until the operator "
       "removes it (§8.18 handleTerminateFailed: needs manual action)"},
      {"mock-second-pc1",
       "the mock proof backend, like Lotus's mock sector manager, refuses PreCommit1 on a sector whose PreCommit1 "
       "already ran (sealing-fsm.md §15), so every path back to PreCommit1 (ticket expired, SealPreCommit1Failed "
       "after a later failure) loops between PreCommit1 and SealPreCommit1Failed under mock; real workers re-run it"},
      {"mock-duplicate-pieces",
       "a restart while Packing's AddPiece runs re-adds the filler (AddPiece is not call-tracked, §14.5) and the "
       "mock backend keeps both pieces (existing sizes ignored, as in Lotus's mock), so PreCommit1 fails for ever; "
       "real workers overwrite at the offset of the existing sizes (scenarios/library/cc-restart-packing-duplicate-pieces.json)"},
      {"Q10", "Lotus v1.11.0 would crash the whole node here; sealsim records a NodeCrash finding and goes on "
              "(§16 Q10)"},
  };
  return list;
}

FuzzVerdict judge_fuzz_run(const RunResult& run) {
  FuzzVerdict v;
  const auto fail = [&v](std::string what, nlohmann::json expect) {
    if (v.failed) return;
    v.failed = true;
    v.what = std::move(what);
    v.expect = std::move(expect);
  };
  if (run.stop) {
    // A stopped run fails `sealsim run` by itself; the liveness expectation says what else was due.
    fail("run stopped: " + *run.stop, {{"liveness_epochs", run.end_epoch}});
  }
  std::map<SectorNumber, std::string> excused;  // sector -> known finding id
  for (const auto& finding : run.findings) {
    // "PlannerHalt sector 3: running planner for state ..."
    const auto colon = finding.find(':');
    const std::string head = finding.substr(0, colon);
    const auto space = head.rfind(' ');
    const SectorNumber sector = space == std::string::npos ? 0 : std::stoull(head.substr(space + 1));
    if (finding.starts_with("PlannerHalt")) {
      if (const auto id = known_halt(finding)) {
        v.known.push_back(*id + ": " + finding);
        excused[sector] = *id;
      } else {
        fail(finding, {{"findings", {{"must_not", {head}}}}});
      }
    } else if (finding.starts_with("NodeCrash")) {
      v.known.push_back("Q10: " + finding);
    } else {
      fail(finding, {{"findings", {{"must_not", {head}}}}});
    }
  }
  std::vector<ChainEpoch> restarts;
  for (const auto& e : run.trace) {
    if (e.component == "timeline" && e.event == "restart") restarts.push_back(e.epoch);
  }
  for (const auto& [n, h] : run.sectors) {
    bool reached = false;
    for (const auto& [epoch, state] : h.states) reached = reached || state == "Proving" || state == "Removed";
    if (reached || excused.contains(n)) continue;
    const std::string last = h.states.empty() ? "Undefined" : h.states.back().second;
    if (const auto id = known_stuck(h, restarts)) {
      v.known.push_back(*id + ": sector " + std::to_string(n) + " ends in " + last);
      continue;
    }
    fail("liveness: sector " + std::to_string(n) + " created at epoch " + std::to_string(h.created) +
             " never reached Proving or Removed by epoch " + std::to_string(run.reached_epoch) + " (last: " + last + ")",
         {{"liveness_epochs", run.end_epoch}});
  }
  return v;
}

}  // namespace sealsim::scenarios
