// engine_test.cpp: scenario runs end to end in process: determinism of the trace hash, restarts,
// a sector reaching Proving, a deal reaching Active in a Proving sector, stops for bad deal
// payloads, explanations of failed expectations, the invariants, the trace format, the clock and
// the chain adapter's deferred callbacks.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "scenarios/chain_adapter.hpp"
#include "scenarios/engine.hpp"
#include "scenarios/invariants.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/sim_clock.hpp"
#include "scenarios/trace.hpp"
#include "sealing/sector_store_memory.hpp"
#include "sealing/storage/cpu_proof_backend.hpp"
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
  for (const char* name : {"cc-pledge-packing.json", "cc-restart-during-packing.json", "cc-remove-during-packing.json", "deal-happy-path.json"}) {
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

TEST(Engine, ADealEventWhosePayloadFileIsNotItsSizeStopsTheRun) {
  const auto folder = std::filesystem::temp_directory_path() / ("sealsim-engine-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "three.bin") << "abc";
  const RunResult r = run_scenario(
      load_scenario_text(R"({"name": "t", "description": "d", "seed": 9, "proof_type": "2KiB", "end": {"epoch": 40},
        "timeline": [{"at": 1, "deal": {"size": "1KiB", "price_per_epoch": "1000 attoFIL", "start_epoch": 30,
                      "duration": 518400, "payload": "three.bin"}}], "expect": {}})",
                         "mem.json", folder),
      {});
  std::filesystem::remove_all(folder);
  ASSERT_TRUE(r.stop.has_value());
  EXPECT_NE(r.stop->find("timeline event 'deal' at epoch 1 (/timeline/0): payload file "), std::string::npos) << *r.stop;
  EXPECT_NE(r.stop->find("three.bin holds 3 bytes, the deal's size is 1024"), std::string::npos) << *r.stop;
}

TEST(Engine, ADealGoesThroughTheProviderIntoAProvingSectorAndEndsActive) {
  const RunResult r = run_scenario(load_scenario_file(kLibrary / "deal-happy-path.json"), {});
  ASSERT_FALSE(r.stop) << *r.stop;
  EXPECT_TRUE(r.passed());
  ASSERT_EQ(r.deals.size(), 1u);
  const DealHistory& d = r.deals.at(1);
  EXPECT_EQ(d.final_state, "StorageDealActive");
  EXPECT_EQ(d.deal_id, DealId{0});  // chain-mock's first deal id
  EXPECT_EQ(d.sector, SectorNumber{1});
  // The provider's path of market-fsm §2 for an online deal, in this order.
  const std::vector<std::string> path = {
      "StorageDealValidating", "StorageDealAcceptWait", "StorageDealWaitingForData", "StorageDealTransferring",
      "StorageDealVerifyData", "StorageDealReserveProviderFunds", "StorageDealProviderFunding", "StorageDealPublish",
      "StorageDealPublishing", "StorageDealStaged", "StorageDealAwaitingPreCommit", "StorageDealSealing",
      "StorageDealFinalizing", "StorageDealActive"};
  std::vector<std::string> seen;
  for (const auto& [epoch, state] : d.states) {
    if (seen.empty() || seen.back() != state) seen.push_back(state);
  }
  ASSERT_GE(seen.size(), 1u);
  EXPECT_EQ(seen.front(), "StorageDealClientFunding");  // the client's AddBalance comes first
  EXPECT_EQ(std::vector<std::string>(seen.begin() + 1, seen.end()), path);
  EXPECT_EQ(r.sectors.at(1).final_state, "Proving");
  EXPECT_EQ(r.sectors.at(1).created, 63);  // the node opened the deal sector at the hand-off
  // Trace records of the market carry the deal number; the sector's records come from the node.
  std::size_t market_records = 0;
  for (const auto& e : r.trace) {
    if (e.component != "market") continue;
    ++market_records;
    EXPECT_EQ(e.deal, std::uint64_t{1});
  }
  EXPECT_EQ(market_records, d.states.size());
  std::size_t publishes = 0;
  for (const auto& m : r.messages) {
    if (m.method == "PublishStorageDeals") {
      ++publishes;
      EXPECT_EQ(m.exit_code, "Ok");
    }
  }
  EXPECT_EQ(publishes, 1u);
}

TEST(Engine, AVerifiedDealIsPricedAgainstTheVerifiedAsk) {
  // Default ask (market-fsm §3.1 check 14): 500 000 000 attoFIL/GiB/epoch, verified 50 000 000, so a
  // 2048-byte piece must pay 953 attoFIL per epoch, or 95 when verified (its client then needs a
  // data cap, which the scenario's client is granted).
  Scenario s = load_scenario_file(kLibrary / "deal-happy-path.json");
  s.expect = {};
  auto& deal = std::get<DealEvent>(s.timeline.at(0).action);
  deal.price_per_epoch = TokenAmount(100);
  deal.verified = true;
  const RunResult verified = run_scenario(s, {});
  ASSERT_FALSE(verified.stop) << *verified.stop;
  EXPECT_EQ(verified.deals.at(1).final_state, "StorageDealActive");
  deal.verified = false;
  const RunResult unverified = run_scenario(s, {});
  EXPECT_EQ(unverified.deals.at(1).final_state, "StorageDealError");
  EXPECT_EQ(unverified.deals.at(1).message, "deal rejected: storage price per epoch less than asking price: 100 < 953");
}

TEST(Engine, AWrongDealExpectationIsExplainedWithTheDealsHistory) {
  Scenario s = load_scenario_file(kLibrary / "deal-happy-path.json");
  s.expect = {};
  s.expect.deals.push_back({1, "StorageDealExpired"});
  s.expect.deals.push_back({2, "StorageDealActive"});
  const RunResult r = run_scenario(s, {});
  ASSERT_EQ(r.expectations.size(), 2u);
  EXPECT_FALSE(r.expectations[0].held);
  EXPECT_EQ(r.expectations[0].expectation, "deal 1 ends in StorageDealExpired");
  EXPECT_EQ(r.expectations[0].explanation.rfind("it ended in StorageDealActive (history: StorageDealClientFunding@10 -> ", 0), 0u)
      << r.expectations[0].explanation;
  EXPECT_EQ(r.expectations[1].explanation, "the run has no deal 2");
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
    EXPECT_NE(r.stop->find(std::string("proofs backend cpu: StackedDrg") + size + "V1_1 (" + size + ") is refused: "), std::string::npos) << *r.stop;
    EXPECT_NE(r.stop->find("GiB) and takes hours; set allow_large_sectors (--allow-large)"), std::string::npos) << *r.stop;
  }
  // Allowed, an empty timeline runs (nothing is sealed, so nothing costs memory).
  options.allow_large_sectors = true;
  Scenario s = scenario_text("[]", "{}");
  s.proof_type = parse_seal_proof("32GiB");
  EXPECT_FALSE(run_scenario(s, options).stop.has_value());
}

// proofs: cpu keeps the sector files as real files in a folder of its own: the sealed file holds
// the replica the model computes for the chain's ticket (sealed independently here), the cache
// file p_aux; FinalizeSector moves them to the storage path; the folder is gone after the run.
TEST(Engine, CpuProofsWriteTheSealedReplicaIntoTheRunsSectorFiles) {
  Scenario s = load_scenario_file(kLibrary / "cpu-2kib-cc.json");
  s.storage = {StoragePathSpec{"seal", std::uint64_t{1} << 30, true, false},
               StoragePathSpec{"store", std::uint64_t{1} << 30, false, true}};
  const std::string prefix = "sealsim-sectors-" + s.name + "-" + std::to_string(::getpid()) + "-";
  std::set<std::filesystem::path> folders;
  std::map<std::string, Bytes> seen;  // last bytes of each file, by path inside the folder
  RunOptions options;
  options.on_event = [&](std::uint64_t) {
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
      if (entry.path().filename().string().rfind(prefix, 0) != 0) continue;
      folders.insert(entry.path());
      for (const auto& file : std::filesystem::recursive_directory_iterator(entry.path())) {
        if (!file.is_regular_file()) continue;
        std::ifstream in(file.path(), std::ios::binary);
        seen[std::filesystem::relative(file.path(), entry.path()).string()] =
            Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
    }
  };
  const RunResult r = run_scenario(s, options);
  ASSERT_TRUE(r.passed()) << r.stop.value_or("expectations failed");
  ASSERT_EQ(folders.size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(*folders.begin()));
  // The chain's ticket of sector 1, from its verdict.
  std::string ticket_hex;
  for (const auto& e : r.trace) {
    if (e.event == "seal proof verified" && e.sector == 1u) {
      ticket_hex = e.details.substr(e.details.find("ticket ") + 7, 64);
    }
  }
  ASSERT_EQ(ticket_hex.size(), 64u);
  const Node32 ticket = node_from_hex(ticket_hex);
  sealing::CpuProofBackend backend;
  const sealing::ProofSectorRef ref{SectorId{1000, 1}, RegisteredSealProof::StackedDrg2KiBV1_1};
  const std::vector<PieceInfo> pieces{backend.add_piece(ref, {}, UnpaddedPieceSize(2032), Bytes(2032, 0))};
  backend.seal_pre_commit2(ref, backend.seal_pre_commit1(ref, ticket, pieces));
  const SealedReplica& replica = *backend.sealed_replica(ref.id);
  Bytes expected_sealed;
  for (const Node32& node : replica.replica) expected_sealed.insert(expected_sealed.end(), node.begin(), node.end());
  Bytes expected_p_aux(replica.comm_c.begin(), replica.comm_c.end());
  expected_p_aux.insert(expected_p_aux.end(), replica.comm_r_last.begin(), replica.comm_r_last.end());
  // Written on the sealing path by PreCommit2, then moved to the storage path.
  EXPECT_EQ(seen["0-seal/sealed/s-t01000-1"], expected_sealed);
  EXPECT_EQ(seen["1-store/sealed/s-t01000-1"], expected_sealed);
  EXPECT_EQ(seen["1-store/cache/s-t01000-1"], expected_p_aux);
  // The unsealed file was the zero piece, fr32-padded: 2048 zero bytes.
  EXPECT_EQ(seen["0-seal/unsealed/s-t01000-1"], Bytes(2048, 0));
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
  info.set_state(sealing::SectorState::FinalizeSector);
  store.save(4, info);
  std::map<SectorNumber, SectorHistory> sectors;
  sectors[4].states.emplace_back(3, "FinalizeSector");
  const std::set<SectorNumber> touched{4};
  const std::vector<chain::MessageCid> none;
  const std::function<bool(SectorNumber)> holds = [](SectorNumber) { return false; };
  const auto v = check_invariants({chain, chain::Address{1000}, store, sectors, touched, none, holds, 0, 0});
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, "sealed-copy-kept: sector 4 is in FinalizeSector but the sector manager holds no sealed replica");
  const std::function<bool(SectorNumber)> kept = [](SectorNumber) { return true; };
  EXPECT_FALSE(check_invariants({chain, chain::Address{1000}, store, sectors, touched, none, kept, 0, 0}));
  EXPECT_EQ(check_invariants({chain, chain::Address{1000}, store, sectors, {}, none, kept, 10, 5}).value_or(""),
            "clock-monotonic: the sealing clock went from 10 back to 5");
}

TEST(Invariants, AProvingSectorMustBeActiveOnChain) {
  // A fresh chain has no proven sector: a sector entering Proving there is proving nothing.
  chain::MockChain chain(chain::ChainConfig::mainnet(), 1);
  sealing::MemorySectorStore store;
  sealing::SectorInfo info;
  info.set_state(sealing::SectorState::Proving);
  store.save(4, info);
  std::map<SectorNumber, SectorHistory> sectors;
  sectors[4].states.emplace_back(3, "Proving");
  const std::vector<chain::MessageCid> none;
  const std::function<bool(SectorNumber)> kept = [](SectorNumber) { return true; };
  EXPECT_EQ(check_invariants({chain, chain::Address{1000}, store, sectors, {4}, none, kept, 0, 0}).value_or(""),
            "proving-on-chain: sector 4 entered Proving but the miner has no active sector 4 on chain");
  // Checked when the sector is planned, not on every event after.
  EXPECT_FALSE(check_invariants({chain, chain::Address{1000}, store, sectors, {}, none, kept, 0, 0}));
}

TEST(Invariants, MarketEscrowLocksExactlyWhatTheLiveDealsHold) {
  chain::MarketState market;
  chain::DealProposal p;
  p.client = chain::Address{100};
  p.provider = chain::Address{1000};
  p.start_epoch = 10;
  p.end_epoch = 20;
  p.storage_price_per_epoch = TokenAmount(3);
  p.client_collateral = TokenAmount(4);
  p.provider_collateral = TokenAmount(7);
  market.deals[0] = chain::MarketDeal{p, {}, chain::DealStatus::Published, 1};
  market.balances[100] = chain::EscrowEntry{TokenAmount(50), TokenAmount(34)};  // 4 + 10 x 3
  market.balances[1000] = chain::EscrowEntry{TokenAmount(7), TokenAmount(7)};
  EXPECT_FALSE(check_market_escrow(market));
  market.balances[1000].locked = TokenAmount(6);
  EXPECT_EQ(check_market_escrow(market).value_or(""), "market-escrow: t01000 has 6 attoFIL locked but its live deals hold 7");
  market.balances[1000].locked = TokenAmount(8);
  EXPECT_EQ(check_market_escrow(market).value_or(""), "market-escrow: t01000 has 8 attoFIL locked but only 7 in escrow");
  market.balances[1000].locked = TokenAmount(7);
  market.closed_deals[0] = market.deals[0];
  market.deals.erase(0);  // the deal ended but its funds stayed locked
  EXPECT_EQ(check_market_escrow(market).value_or(""), "market-escrow: t0100 has 34 attoFIL locked but its live deals hold 0");
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
