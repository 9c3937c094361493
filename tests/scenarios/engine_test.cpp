// engine_test.cpp: scenario runs end to end in process: determinism of the trace hash, restarts,
// a sector reaching Proving, stops for unsupported events, explanations of failed expectations,
// the invariants, the trace format, the clock and the chain adapter's deferred callbacks.
#include <gtest/gtest.h>

#include "scenarios/chain_adapter.hpp"
#include "scenarios/engine.hpp"
#include "scenarios/invariants.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/sim_clock.hpp"
#include "scenarios/trace.hpp"
#include "sealing/sector_store_memory.hpp"
#include "sealing/storage/proof_backend.hpp"

namespace sealsim::scenarios {
namespace {

const std::filesystem::path kLibrary = std::filesystem::path(SEALSIM_SOURCE_DIR) / "scenarios" / "library";
const std::filesystem::path kCases = std::filesystem::path(SEALSIM_SOURCE_DIR) / "tests" / "scenarios" / "cases";

Scenario scenario_text(const std::string& timeline, const std::string& expect, const std::string& extra = "") {
  return load_scenario_text(R"({"name": "t", "description": "d", "seed": 9, "proof_type": "2KiB", )" + extra +
                                R"("end": {"epoch": 40}, "timeline": )" + timeline + R"(, "expect": )" + expect + "}",
                            "mem.json", ".");
}

TEST(Engine, SameScenarioTwiceGivesTheSameTraceHash) {
  for (const char* name : {"cc-pledge-packing.json", "cc-restart-during-packing.json", "cc-remove-during-packing.json"}) {
    const Scenario s = load_scenario_file(kLibrary / name);
    const RunResult a = run_scenario(s, {});
    const RunResult b = run_scenario(s, {});
    EXPECT_TRUE(a.passed()) << name << ": " << a.stop.value_or("");
    EXPECT_EQ(a.trace_hash, b.trace_hash) << name;
    EXPECT_EQ(a.trace, b.trace) << name;
    EXPECT_EQ(a.trace_hash.size(), 64u);
  }
}

TEST(Engine, TheSeedReachesTheTrace) {
  const Scenario s = load_scenario_file(kLibrary / "cc-pledge-packing.json");
  RunOptions other;
  other.seed = 12345;
  EXPECT_NE(run_scenario(s, {}).trace_hash, run_scenario(s, other).trace_hash);
}

TEST(Engine, TheScenarioPathAsTypedDoesNotReachTheHash) {
  const Scenario s = load_scenario_file(kLibrary / "cc-pledge-packing.json");
  RunOptions here;
  here.scenario_label = "scenarios/library/cc-pledge-packing.json";
  RunOptions there;
  there.scenario_label = "../../scenarios/library/cc-pledge-packing.json";
  std::ostringstream written;
  there.trace_out = &written;
  EXPECT_EQ(run_scenario(s, here).trace_hash, run_scenario(s, there).trace_hash);
  EXPECT_NE(written.str().find("\"scenario_file\":\"../../scenarios/library/cc-pledge-packing.json\""), std::string::npos);
}

TEST(Engine, RestartReRunsTheHandlerAndDisarmsTheOldContinuation) {
  const RunResult r = run_scenario(load_scenario_file(kLibrary / "cc-restart-during-packing.json"), {});
  ASSERT_FALSE(r.stop) << *r.stop;
  const SectorHistory& h = r.sectors.at(1);
  EXPECT_EQ(h.final_state, "Packing");
  // Packing entered at 10, re-entered through SectorRestart at 50; nothing at 130.
  bool restarted = false;
  for (const auto& e : r.trace) {
    if (e.component == "sealing" && e.epoch == 50 && e.event == "SectorRestart") restarted = true;
    EXPECT_FALSE(e.component == "sealing" && e.epoch == 130) << e.event;
  }
  EXPECT_TRUE(restarted);
}

TEST(Engine, ACommittedCapacitySectorReachesProvingThroughTheRealPipeline) {
  // Batching and aggregation off: the handlers send PreCommitSector and ProveCommitSector
  // themselves, as CBOR the chain adapter decodes; the sector manager is FsmSectorManager over
  // the scheduler (spec §8: Packing ... FinalizeSector -> Proving).
  const RunResult r = run_scenario(
      scenario_text(R"([{"at": 1, "pledge": {"count": 1}}])",
                    R"({"sectors": [{"sector": 1, "state": "Proving"}],
                        "messages": {"PreCommitSector": 1, "ProveCommitSector": 1}})",
                    R"("sealing": {"batch_pre_commits": false, "aggregate_commits": false}, )"
                    R"("network": "devnet_2k", )"),
      {});
  ASSERT_FALSE(r.stop) << *r.stop;
  for (const auto& e : r.expectations) EXPECT_TRUE(e.held) << e.expectation << ": " << e.explanation;
}

TEST(Engine, AWrongExpectationFailsWithAReadableExplanation) {
  const RunResult r = run_scenario(load_scenario_file(kCases / "wrong-expectation.json"), {});
  EXPECT_FALSE(r.stop.has_value());
  EXPECT_FALSE(r.passed());
  bool found = false;
  for (const auto& e : r.expectations) {
    if (e.expectation == "sector 1 ends in Proving") {
      found = true;
      EXPECT_FALSE(e.held);
      EXPECT_EQ(e.explanation, "it ended in Packing (history: Packing@10)");
    }
  }
  EXPECT_TRUE(found);
}

TEST(Engine, ExpectationsOnCountsMessagesFindingsAndLiveness) {
  const RunResult r = run_scenario(
      scenario_text(R"([{"at": 2, "pledge": {"count": 2}}])",
                    R"({"counts": {"Packing": 1}, "messages": {"PreCommitSector": 1},
                        "findings": {"must": ["PlannerHalt"]}, "liveness_epochs": 5})",
                    R"("durations": {"AP": 100000}, )"),
      {});
  ASSERT_FALSE(r.stop) << *r.stop;
  ASSERT_EQ(r.expectations.size(), 4u);
  EXPECT_EQ(r.expectations[0].explanation, "2 did");
  EXPECT_EQ(r.expectations[1].explanation, "0 were included");
  EXPECT_EQ(r.expectations[2].explanation, "there were no findings");
  EXPECT_EQ(r.expectations[3].explanation,
            "sector 1 created at epoch 2 never reached Proving or Removed (last: Packing)");
  for (const auto& e : r.expectations) EXPECT_FALSE(e.held) << e.expectation;
}

TEST(Engine, AnEventThisBuildCannotRunStopsTheRun) {
  const RunResult r = run_scenario(
      scenario_text(R"([{"at": 1, "deal": {"size": "1KiB", "price_per_epoch": "0 FIL", "start_epoch": 10, "duration": 5}}])", "{}"),
      {});
  ASSERT_TRUE(r.stop.has_value());
  EXPECT_NE(r.stop->find("timeline event 'deal' at epoch 1 (/timeline/0) cannot run in this build"), std::string::npos)
      << *r.stop;
}

TEST(Engine, AProofsBackendThatCannotRunStopsTheRun) {
  if (!sealing::proof_backend_unavailable_reason("cuda")) GTEST_SKIP() << "this machine can run cuda";
  RunOptions options;
  options.proofs = ProofsBackend::Cuda;
  const RunResult r = run_scenario(scenario_text("[]", "{}"), options);
  ASSERT_TRUE(r.stop.has_value());
  EXPECT_NE(r.stop->find("proofs backend 'cuda'"), std::string::npos) << *r.stop;
}

TEST(Engine, CpuProofsRefuseLargeSectorsUnlessAllowed) {
  RunOptions options;
  options.proofs = ProofsBackend::Cpu;
  for (const char* size : {"32GiB", "64GiB"}) {
    Scenario s = scenario_text("[]", "{}");
    s.proof_type = parse_seal_proof(size);
    const RunResult r = run_scenario(s, options);
    ASSERT_TRUE(r.stop.has_value()) << size;
    EXPECT_NE(r.stop->find("proofs backend 'cpu': cpu: "), std::string::npos) << *r.stop;
    EXPECT_NE(r.stop->find("GiB) and takes hours; set allow_large_sectors (--allow-large)"), std::string::npos) << *r.stop;
  }
  // Allowed, an empty timeline runs (nothing is sealed, so nothing costs memory).
  options.allow_large_sectors = true;
  Scenario s = scenario_text("[]", "{}");
  s.proof_type = parse_seal_proof("32GiB");
  EXPECT_FALSE(run_scenario(s, options).stop.has_value());
}

TEST(Engine, RemoveWhilePackingHaltsInRemoving) {
  // The remove arrives in the pledge's epoch, before Packing's AddPiece continuation runs, so the
  // global SectorRemove queues behind the busy handler: [SectorRemove, SectorPacked] takes the
  // sector to Removing, then [SectorPacked, SectorRemoved] is rejected there (spec §1.4, §5).
  const RunResult r = run_scenario(
      scenario_text(R"([{"at": 1, "pledge": {"count": 1}}, {"at": 1, "operator": {"command": "remove", "sector": 1}}])",
                    R"({"sectors": [{"sector": 1, "state": "Removing"}]})"),
      {});
  ASSERT_FALSE(r.stop) << *r.stop;
  EXPECT_TRUE(r.passed());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0],
            "PlannerHalt sector 1: running planner for state Removing failed: planner for state Removing "
            "received unexpected event SectorPacked");
}

TEST(Invariants, PersistedStateMustMatchThePlannedState) {
  chain::MockChain chain(chain::ChainConfig::mainnet(), 1);
  sealing::MemorySectorStore store;
  sealing::SectorInfo info;
  info.set_state(sealing::SectorState::Packing);
  store.save(1, info);
  std::map<SectorNumber, SectorHistory> sectors;
  sectors[1].states.emplace_back(3, "GetTicket");
  const std::set<SectorNumber> touched{1};
  const std::vector<chain::MessageCid> none;
  const std::function<bool(SectorNumber)> holds = [](SectorNumber) { return true; };
  const auto v = check_invariants({chain, chain::Address{1000}, store, sectors, touched, none, holds, 0, 0});
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, "persisted-state: sector 1 was planned into GetTicket but its stored record says Packing");
}

TEST(Invariants, ASealedSectorMustKeepItsReplica) {
  chain::MockChain chain(chain::ChainConfig::mainnet(), 1);
  sealing::MemorySectorStore store;
  sealing::SectorInfo info;
  info.set_state(sealing::SectorState::Proving);
  store.save(4, info);
  std::map<SectorNumber, SectorHistory> sectors;
  sectors[4].states.emplace_back(3, "Proving");
  const std::set<SectorNumber> touched{4};
  const std::vector<chain::MessageCid> none;
  const std::function<bool(SectorNumber)> holds = [](SectorNumber) { return false; };
  const auto v = check_invariants({chain, chain::Address{1000}, store, sectors, touched, none, holds, 0, 0});
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, "sealed-copy-kept: sector 4 is in Proving but the sector manager holds no sealed replica");
  const std::function<bool(SectorNumber)> kept = [](SectorNumber) { return true; };
  EXPECT_FALSE(check_invariants({chain, chain::Address{1000}, store, sectors, touched, none, kept, 0, 0}));
  EXPECT_EQ(check_invariants({chain, chain::Address{1000}, store, sectors, {}, none, kept, 10, 5}).value_or(""),
            "clock-monotonic: the sealing clock went from 10 back to 5");
}

TEST(Trace, RecordsHaveAStableFieldOrderAndRoundTrip) {
  const TraceEvent e{12, "sealing", 3, std::nullopt, "SectorPacked", "Packing", "GetTicket", ""};
  EXPECT_EQ(trace_line(e),
            R"({"epoch":12,"component":"sealing","sector":3,"event":"SectorPacked","from":"Packing","to":"GetTicket"})");
  EXPECT_EQ(parse_trace_line(trace_line(e)), e);
  const TraceHeader h{"n", "f.json", 7, "mock", "{\"x\": 1}\n"};
  const TraceHeader back = parse_trace_header(trace_header_line(h));
  EXPECT_EQ(back.scenario_text, h.scenario_text);
  EXPECT_EQ(back.seed, 7u);
  EXPECT_THROW(parse_trace_header(trace_line(e)), std::runtime_error);
}

TEST(Trace, HashIsTheSha256OfTheLinesWritten) {
  Trace trace(nullptr);
  // SHA-256 of the empty string (FIPS 180-2 test vector), before anything is written.
  EXPECT_EQ(trace.hash(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  std::ostringstream out;
  Trace written(&out);
  written.add(TraceEvent{1, "c", std::nullopt, std::nullopt, "e", "", "", ""});
  EXPECT_EQ(out.str(), "{\"epoch\":1,\"component\":\"c\",\"event\":\"e\"}\n");
}

TEST(SimClock, FiresInDeadlineOrderTiesInSchedulingOrder) {
  SimClock clock(100);
  std::string order;
  clock.schedule_at(110, [&] { order += "b"; });
  const auto cancelled = clock.schedule_at(105, [&] { order += "x"; });
  clock.schedule_at(105, [&] { order += "a"; });
  clock.schedule_at(110, [&] { order += "c"; });
  EXPECT_TRUE(clock.cancel(cancelled));
  EXPECT_FALSE(clock.cancel(cancelled));
  EXPECT_FALSE(clock.fire_next(104));
  while (clock.fire_next(200)) {
  }
  EXPECT_EQ(order, "abc");
  EXPECT_EQ(clock.now(), 110);
}

TEST(ChainAdapter, ChainAtCallbacksArriveOnTheNextDriverStepNotInsideTheCall) {
  chain::MockChain chain(chain::ChainConfig::mainnet(), 1);
  SimClock clock(0);
  ChainAdapter adapter(chain, clock, chain::Address{1000});
  chain.advance(3);
  int applied = 0;
  ASSERT_TRUE(adapter.chain_at([&](const sealing::TipSetToken&, ChainEpoch) { ++applied; },
                               [](const sealing::TipSetToken&) {}, 0, 1));
  EXPECT_EQ(applied, 0);
  while (clock.fire_next(clock.now())) {
  }
  EXPECT_EQ(applied, 1);
}

TEST(ChainAdapter, MessageCidsRoundTripAndOthersAreRejected) {
  chain::MessageCid cid{};
  cid[0] = 7;
  EXPECT_EQ(cid_to_message_cid(message_cid_to_cid(cid)), cid);
  EXPECT_FALSE(cid_to_message_cid(commitment_to_cid(CommitmentKind::Sealed, cid)).has_value());
}

}  // namespace
}  // namespace sealsim::scenarios

namespace sealsim::scenarios {
namespace {

TEST(Engine, LivenessBoundCountsFromTheSectorsCreation) {
  // force_state Removed queues behind Packing (AddPiece 3600 s = 120 epochs): the sector enters
  // Removed at epoch 130, 120 epochs after its pledge at 10 (spec §5: a global event ends the plan).
  const auto run_with_bound = [](int bound) {
    return run_scenario(
        load_scenario_text(R"({"name": "t", "description": "d", "seed": 4, "proof_type": "2KiB", "durations": {"AP": 3600},
          "end": {"epoch": 150}, "timeline": [{"at": 10, "pledge": {"count": 1}},
          {"at": 11, "operator": {"command": "force_state", "sector": 1, "state": "Removed"}}],
          "expect": {"liveness_epochs": )" + std::to_string(bound) + "}}",
                           "mem.json", "."),
        {});
  };
  const RunResult late = run_with_bound(100);
  ASSERT_FALSE(late.stop) << *late.stop;
  ASSERT_EQ(late.expectations.size(), 1u);
  EXPECT_FALSE(late.expectations[0].held);
  EXPECT_EQ(late.expectations[0].explanation, "sector 1 created at epoch 10 reached Proving or Removed only at epoch 130");
  const RunResult in_time = run_with_bound(120);
  EXPECT_TRUE(in_time.expectations.at(0).held) << in_time.expectations.at(0).explanation;
  EXPECT_EQ(in_time.sectors.at(1).final_state, "Removed");
}

}  // namespace
}  // namespace sealsim::scenarios
