// sealing_node_test.cpp: the Sealing node (spec §1.5, §4, §10.4-§10.10): CC sectors through
// Packing, sector numbers from the persisted counter (never reused across a restart, store
// upgrade from schema version 1), the sealing statistics by bucket, and every operator command
// accepted or refused by Lotus's rules with Lotus's error text.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "sealing/sector_store_sqlite.hpp"
#include "tests/sealing/sealing_node_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::NodeRig;

class ScratchDir : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("sealsim_node_") + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "sectors.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void sql(const std::string& statement) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  std::filesystem::path dir_;
  std::string path_;
};

Piece cc_piece() {
  Piece piece;
  piece.piece.size = PaddedPieceSize(2048);
  return piece;
}

// --- PledgeSector ---------------------------------------------------------------------------

TEST(SealingNode, PledgeSectorPacksACommittedCapacitySectorUpToGetTicket) {
  NodeRig rig;
  rig.start();
  const Result<SectorRef> ref = rig.node->pledge_sector();
  ASSERT_TRUE(ref.has_value()) << ref.error();
  EXPECT_EQ(ref->id.miner, 1000u);
  EXPECT_EQ(ref->id.number, 0u) << "go-storedcounter starts at 0";
  EXPECT_EQ(ref->proof_type, RegisteredSealProof::StackedDrg2KiBV1_1);
  EXPECT_TRUE(rig.in_state(0, SectorState::Packing));
  EXPECT_EQ(rig.node->statistics().sealing, 1u);
  rig.advance(10);
  const SectorInfo info = rig.record(0);
  EXPECT_TRUE(info.in_state(SectorState::GetTicket));
  ASSERT_EQ(info.pieces.size(), 1u) << "one filler of the whole sector";
  EXPECT_EQ(info.pieces[0].piece.size, PaddedPieceSize(2048));
  EXPECT_FALSE(info.pieces[0].deal.has_value());
  EXPECT_EQ(info.sector_type, RegisteredSealProof::StackedDrg2KiBV1_1);

  const Result<SectorRef> second = rig.node->pledge_sector();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->id.number, 1u);
}

TEST(SealingNode, PledgeSectorIsRefusedAtMaxSealingSectors) {
  SealingConfig config;
  config.max_sealing_sectors = 2;
  NodeRig rig(config);
  rig.store_record(rig.memory, 7, SectorState::AddPieceFailed);  // failed sectors count too
  rig.start();
  ASSERT_TRUE(rig.node->pledge_sector().has_value());
  const Result<SectorRef> refused = rig.node->pledge_sector();
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), "too many sectors sealing (curSealing: 2, max: 2)");
}

TEST(SealingNode, PledgeSectorUsesThePreferredProofOfTheNetworkVersion) {
  NodeRig rig;
  rig.chain.network_version = 6;  // before V1_1 proofs
  rig.start();
  const Result<SectorRef> ref = rig.node->pledge_sector();
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->proof_type, RegisteredSealProof::StackedDrg2KiBV1);

  rig.chain.miner_info.window_post_proof_type = 0;  // a winning PoSt type
  const Result<SectorRef> refused = rig.node->pledge_sector();
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(), "getting seal proof type: unrecognized window post type: 0");
  rig.chain.fail_next("state_network_version", "rpc down");
  rig.chain.miner_info.window_post_proof_type = test::kWindowPoSt2KiB;
  EXPECT_EQ(rig.node->pledge_sector().error(), "getting seal proof type: rpc down");
}

// --- startup ---------------------------------------------------------------------------------

TEST(SealingNode, CommandsBeforeRunAreRefusedUntilTheRestartPass) {
  NodeRig rig;
  rig.store_record(rig.memory, 3, SectorState::Proving, [] {
    SectorInfo info;
    info.pieces = {cc_piece()};
    return info;
  }());
  rig.build();
  EXPECT_EQ(rig.node->remove_sector(3).error(), kNotStartedError);
  EXPECT_EQ(rig.node->terminate_sector(3).error(), kNotStartedError);
  EXPECT_EQ(rig.node->start_packing(3).error(), kNotStartedError);
  EXPECT_EQ(rig.node->force_sector_state(3, "Removing").error(), kNotStartedError);
  EXPECT_EQ(rig.node->pledge_sector().error(), kNotStartedError);
  EXPECT_TRUE(rig.node->mark_for_upgrade(3).has_value()) << "MarkForUpgrade does not wait";
  EXPECT_TRUE(rig.in_state(3, SectorState::Proving));
  rig.node->run();
  EXPECT_TRUE(rig.node->started());
  EXPECT_TRUE(rig.node->start_packing(3).has_value());
}

TEST(SealingNode, RunRestartsEveryStoredSectorAndCountsItsBucket) {
  NodeRig rig;
  rig.store_record(rig.memory, 1, SectorState::WaitDeals);
  rig.store_record(rig.memory, 2, SectorState::GetTicket);
  rig.store_record(rig.memory, 3, SectorState::Proving);
  rig.store_record(rig.memory, 4, SectorState::Removed);
  rig.store_record(rig.memory, 5, SectorState::AddPieceFailed);
  SectorInfo bogus;
  bogus.set_state_by_name("NoSuchState");  // an unlisted name counts as failed
  bogus.sector_number = 6;
  rig.memory.save(6, bogus);
  rig.start();
  EXPECT_EQ(rig.node->statistics(), (SealingStatistics{1, 1, 2, 2, 4, 1}));
  EXPECT_EQ(rig.runner->started.size(), 3u) << "WaitDeals, GetTicket, Proving have handlers";
  EXPECT_TRUE(rig.node->input().is_open(1));

  // A halted plan call changes nothing in the statistics (plan() fails before that step).
  rig.advance(10);  // sector 3's Proving handler returns
  rig.node->group().send(3, SectorPacked{});
  ASSERT_TRUE(rig.node->group().halted(3));
  EXPECT_EQ(rig.node->statistics(), (SealingStatistics{1, 1, 2, 2, 4, 1}));
}

// --- sector numbers --------------------------------------------------------------------------

TEST(SectorIdCounter, MemoryCounterCountsFromZero) {
  MemorySectorStore store;
  EXPECT_EQ(store.next_sector_number(), 0u);
  EXPECT_EQ(store.next_sector_number(), 1u);
  EXPECT_EQ(store.next_sector_number(), 2u);
}

using SealingNodeStore = ScratchDir;

TEST_F(SealingNodeStore, SectorNumbersAreNeverReusedAcrossARestart) {
  NodeRig rig;
  {
    SqliteSectorStore store(path_);
    rig.build(store, store).run();
    EXPECT_EQ(rig.node->pledge_sector()->id.number, 0u);
    EXPECT_EQ(rig.node->pledge_sector()->id.number, 1u);
    rig.add_deal(1, 127);
    rig.settle();
    rig.advance(100);
    ASSERT_TRUE(rig.answered(1) && rig.answers.at(1).has_value());
    EXPECT_EQ(rig.answers.at(1)->sector, 2u);
    rig.node.reset();  // the process stops
  }
  {
    SqliteSectorStore store(path_);
    // A number handed out just before a crash, whose sector was never created, stays used.
    EXPECT_EQ(store.next_sector_number(), 3u);
  }
  SqliteSectorStore store(path_);
  rig.build(store, store).run();
  EXPECT_EQ(rig.node->statistics(), (SealingStatistics{1, 2, 0, 0, 3, 1}));
  EXPECT_EQ(rig.node->pledge_sector()->id.number, 4u);
  EXPECT_EQ(store.list(), (std::vector<SectorNumber>{0, 1, 2, 4}));
  rig.node.reset();
}

TEST_F(SealingNodeStore, ASchemaVersion1StoreIsUpgradedWithTheCounterPastItsSectors) {
  {
    SqliteSectorStore store(path_);
    SectorInfo info;
    info.sector_number = 7;
    store.save(7, info);
  }
  sql("UPDATE meta SET value='1' WHERE key='schema_version'; DELETE FROM meta WHERE key='sector_counter'");
  {
    SqliteSectorStore store(path_);
    EXPECT_EQ(store.next_sector_number(), 8u);
  }
  sql("UPDATE meta SET value='3' WHERE key='schema_version'");
  try {
    SqliteSectorStore store(path_);
    FAIL() << "a store of version 3 must be refused";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 3 is not supported"), std::string::npos)
        << e.what();
  }
}

TEST_F(SealingNodeStore, AnEmptyVersion1StoreStartsTheCounterAtZero) {
  { SqliteSectorStore store(path_); }
  sql("UPDATE meta SET value='1' WHERE key='schema_version'");
  SqliteSectorStore store(path_);
  EXPECT_EQ(store.next_sector_number(), 0u);
  EXPECT_EQ(store.next_sector_number(), 1u);
}

TEST_F(SealingNodeStore, ACorruptCounterIsAClearError) {
  {
    SqliteSectorStore store(path_);
    store.next_sector_number();
  }
  sql("UPDATE meta SET value='x1' WHERE key='sector_counter'");
  SqliteSectorStore store(path_);
  try {
    store.next_sector_number();
    FAIL() << "a corrupt counter must be refused";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("'sector_counter': expected a sector number, found \"x1\""),
              std::string::npos)
        << e.what();
  }
}

TEST_F(SealingNodeStore, RestartReopensAWaitDealsSectorForNewDeals) {
  NodeRig rig;
  {
    SqliteSectorStore store(path_);
    rig.build(store, store).run();
    rig.add_deal(1, 127);
    rig.settle();
    rig.advance(20);
    ASSERT_TRUE(rig.in_state(0, SectorState::WaitDeals));
    rig.node.reset();
  }
  SqliteSectorStore store(path_);
  rig.answers.clear();
  rig.build(store, store).run();
  ASSERT_TRUE(rig.node->input().is_open(0));
  EXPECT_TRUE(rig.node->input().wait_deals_timer(0).has_value()) << "the timer is armed again";
  rig.add_deal(2, 127);
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.answered(2) && rig.answers.at(2).has_value());
  EXPECT_EQ(*rig.answers.at(2), (SectorOffset{0, PaddedPieceSize(128)}));
  EXPECT_EQ(rig.record(0).deal_ids(), (std::vector<DealId>{1, 2}));
  rig.node.reset();
}

TEST(SealingNodeRestart, AWriteInFlightAtRestartIsIgnoredAndPackingRunsAgain) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 127);
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.node->start_packing(0).has_value());
  ASSERT_TRUE(rig.in_state(0, SectorState::Packing));  // four fillers to write, one in flight
  rig.build().run();  // the process restarts
  rig.advance(100);   // the old write completes into a dead handler; the new handler finishes
  const SectorInfo info = rig.record(0);
  EXPECT_TRUE(info.in_state(SectorState::GetTicket));
  EXPECT_EQ(info.pieces.size(), 5u) << "the deal and the restarted handler's four fillers";
  std::size_t packed = 0;
  for (const auto& entry : info.log) {
    packed += entry.kind == "event;sealing.SectorPacked" ? 1u : 0u;
  }
  EXPECT_EQ(packed, 1u);
}

// --- operator commands -----------------------------------------------------------------------

class SealingNodeCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    SectorInfo proving;
    proving.pieces = {cc_piece()};
    rig.store_record(rig.memory, 5, SectorState::Proving, proving);
    rig.sealer.pieces[5] = {cc_piece().piece};  // the sealer has its files
    SectorOnChainInfo on_chain;
    on_chain.sector_number = 5;
    rig.chain.sectors[5] = on_chain;
    rig.start();
    rig.advance(10);  // the Proving handler's ReleaseUnsealed
  }
  NodeRig rig;
};

TEST_F(SealingNodeCommands, RemoveTakesASectorThroughRemovingToRemoved) {
  ASSERT_TRUE(rig.node->remove_sector(5).has_value());
  EXPECT_TRUE(rig.in_state(5, SectorState::Removing));
  rig.advance(10);
  EXPECT_TRUE(rig.in_state(5, SectorState::Removed));
  EXPECT_EQ(rig.node->statistics().proving, 1u) << "removed sectors count as proving";
}

TEST_F(SealingNodeCommands, TerminateMovesAProvingSectorToTerminating) {
  ASSERT_TRUE(rig.node->terminate_sector(5).has_value());
  EXPECT_TRUE(rig.in_state(5, SectorState::Terminating));
  EXPECT_EQ(rig.record(5).log.back().kind, "event;sealing.SectorTerminate");
}

TEST_F(SealingNodeCommands, ASectorNumberWithoutARecordGetsOneAsInLotus) {
  ASSERT_TRUE(rig.node->start_packing(40).has_value());
  const auto created = rig.node->sector_info(40);
  ASSERT_TRUE(created.has_value()) << "go-statemachine creates the zero record on Send";
  EXPECT_TRUE(created->in_state(SectorState::Undefined)) << "StartPacking is ignorable there";
}

TEST_F(SealingNodeCommands, AHaltedSectorRefusesEveryCommand) {
  rig.node->group().send(5, SectorPacked{});  // not accepted in Proving: the machine halts
  ASSERT_TRUE(rig.node->group().halted(5));
  EXPECT_EQ(rig.node->remove_sector(5).error(), kMachineStoppedError);
  EXPECT_EQ(rig.node->terminate_sector(5).error(), kMachineStoppedError);
  EXPECT_EQ(rig.node->start_packing(5).error(), kMachineStoppedError);
  EXPECT_EQ(rig.node->force_sector_state(5, "Removing").error(), kMachineStoppedError);
  EXPECT_TRUE(rig.in_state(5, SectorState::Proving));
}

TEST_F(SealingNodeCommands, StartPackingIsIgnoredOutsideWaitDealsAndPacksADealSector) {
  ASSERT_TRUE(rig.node->start_packing(5).has_value());
  EXPECT_TRUE(rig.in_state(5, SectorState::Proving));

  rig.add_deal(1, 127);
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.in_state(0, SectorState::WaitDeals));
  ASSERT_TRUE(rig.node->start_packing(0).has_value());
  EXPECT_TRUE(rig.in_state(0, SectorState::Packing));
  EXPECT_FALSE(rig.node->input().is_open(0)) << "a packing sector takes no more deals";
}

TEST_F(SealingNodeCommands, ForceSectorStateRestartsAFailedSectorAndRefusesUnlistedNames) {
  rig.store_record(rig.memory, 8, SectorState::AddPieceFailed);
  EXPECT_EQ(rig.node->force_sector_state(8, "Bogus").error(), "\"Bogus\" is not a valid state");
  EXPECT_EQ(rig.node->force_sector_state(8, "").error(), "\"\" is not a valid state")
      << "Undefined is not in ExistSectorStateList";
  EXPECT_TRUE(rig.in_state(8, SectorState::AddPieceFailed));

  ASSERT_TRUE(rig.node->force_sector_state(8, "Packing").has_value());
  EXPECT_TRUE(rig.in_state(8, SectorState::Packing));
  rig.advance(10);
  EXPECT_TRUE(rig.in_state(8, SectorState::GetTicket));
}

TEST_F(SealingNodeCommands, MarkForUpgradeAcceptsOnlyProvingCommittedCapacitySectors) {
  EXPECT_EQ(rig.node->mark_for_upgrade(9).error(), "getting sector info: datastore: key not found");

  rig.store_record(rig.memory, 10, SectorState::WaitDeals);
  EXPECT_EQ(rig.node->mark_for_upgrade(10).error(),
            "can't mark sectors not in the 'Proving' state for upgrade");

  SectorInfo two;
  two.pieces = {cc_piece(), cc_piece()};
  rig.store_record(rig.memory, 11, SectorState::Proving, two);
  EXPECT_EQ(rig.node->mark_for_upgrade(11).error(),
            "not a committed-capacity sector, expected 1 piece");

  SectorInfo with_deal;
  with_deal.pieces = {cc_piece()};
  with_deal.pieces[0].deal = DealInfo{};
  rig.store_record(rig.memory, 12, SectorState::Proving, with_deal);
  EXPECT_EQ(rig.node->mark_for_upgrade(12).error(), "not a committed-capacity sector, has deals");

  SectorInfo cc;
  cc.pieces = {cc_piece()};
  rig.store_record(rig.memory, 13, SectorState::Proving, cc);
  ASSERT_TRUE(rig.node->mark_for_upgrade(13).has_value());
  ASSERT_TRUE(rig.node->mark_for_upgrade(5).has_value());
  EXPECT_TRUE(rig.node->is_marked_for_upgrade(13));
  EXPECT_EQ(rig.node->mark_for_upgrade(13).error(), "sector 13 already marked for upgrade");

  SectorInput& input = rig.node->input();
  EXPECT_EQ(input.take_upgrade_candidate(), SectorNumber{5}) << "lowest first (Lotus: map order)";
  EXPECT_EQ(input.take_upgrade_candidate(), SectorNumber{13});
  EXPECT_FALSE(input.take_upgrade_candidate().has_value());
  EXPECT_FALSE(rig.node->is_marked_for_upgrade(13));
}

}  // namespace
}  // namespace sealsim::sealing
