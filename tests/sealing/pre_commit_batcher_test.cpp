// pre_commit_batcher_test.cpp: PreCommitBatcher against a fake chain on the simulated clock:
// Lotus's precommit_batch_test.go cases (spec §13.2) with their inputs and outcomes, then the
// cutoff and slack timer rules, fees and address selection, deterministic batch selection, live
// config, and failure isolation (a failed batch answers its own sectors only).
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "sealing/pre_commit_batcher.hpp"
#include "tests/sealing/fake_batcher_api.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing {
namespace {

constexpr SimSeconds kStart = 1'000'000;
constexpr SimSeconds kHour = 3600;

// The configuration of Lotus's test: MaxPreCommitBatch 256, wait 24 h, slack 3 h.
SealingConfig lotus_test_config() {
  SealingConfig config;
  config.max_pre_commit_batch = 256;
  config.pre_commit_batch_wait = 24 * kHour;
  config.pre_commit_batch_slack = 3 * kHour;
  return config;
}

// Fees of Lotus's test: Base 3 FIL + 1 FIL per sector.
FeeConfig lotus_test_fees() {
  FeeConfig fees;
  fees.max_pre_commit_batch_gas_fee = BatchFeeConfig{TokenAmount::from_fil(3), TokenAmount::from_fil(1)};
  return fees;
}

struct Rig {
  explicit Rig(SealingConfig initial = lotus_test_config())
      : config(initial),
        batcher(1000, api, addresses, lotus_test_fees(), [this] { return config; }, clock) {}

  // Adds sector `n` (no ticket epoch, no deals, as in Lotus's test) and keeps its answer.
  void add(SectorNumber n, TokenAmount deposit = TokenAmount::from_nano(10), SectorInfo sector = {}) {
    sector.sector_number = n;
    SectorPreCommitInfo params;
    params.sector_number = n;
    answers.emplace(n, std::nullopt);
    batcher.add_pre_commit(sector, deposit, params,
                           [this, n](Result<PreCommitBatchResult> r) { answers.at(n) = std::move(r); });
  }
  void settle() { clock.advance_to(clock.now()); }

  test::FakeClock clock{kStart};
  test::FakeBatcherApi api;
  test::FixedAddressSelector addresses{123};  // t0123
  SealingConfig config;
  PreCommitBatcher batcher;
  std::map<SectorNumber, std::optional<Result<PreCommitBatchResult>>> answers;
};

std::vector<SectorId> ids(std::initializer_list<SectorNumber> numbers) {
  std::vector<SectorId> out;
  for (SectorNumber n : numbers) {
    out.push_back(SectorId{1000, n});
  }
  return out;
}

// --- spec §13.2 ---

TEST(PreCommitBatcherLotus, AddSingle) {
  Rig rig;
  rig.add(0);
  EXPECT_EQ(rig.api.count("chain_head"), 1u);
  EXPECT_EQ(rig.batcher.pending(), ids({0}));
  const auto results = rig.batcher.flush();
  EXPECT_EQ(rig.api.count("state_miner_info"), 1u);
  ASSERT_EQ(rig.api.sent.size(), 1u);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].error.empty());
  EXPECT_EQ(results[0].sectors, (std::vector<SectorNumber>{0}));
  rig.settle();
  ASSERT_TRUE(rig.answers.at(0).has_value());
  ASSERT_TRUE(rig.answers.at(0)->has_value());
  const PreCommitBatchResult& answer = rig.answers.at(0)->value();
  EXPECT_TRUE(answer.error.empty());
  EXPECT_EQ(answer.sectors, (std::vector<SectorNumber>{0}));
  EXPECT_EQ(answer.message, rig.api.sent_cids[0]);
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(PreCommitBatcherLotus, AddTwo) {
  Rig rig;
  rig.add(1);
  rig.add(0);
  EXPECT_EQ(rig.batcher.pending(), ids({0, 1}));
  const auto results = rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].sectors, (std::vector<SectorNumber>{0, 1}));
  rig.settle();
  for (SectorNumber n : {0u, 1u}) {
    ASSERT_TRUE(rig.answers.at(n) && rig.answers.at(n)->has_value());
    EXPECT_TRUE(rig.answers.at(n)->value().error.empty());
    EXPECT_EQ(rig.answers.at(n)->value().sectors, (std::vector<SectorNumber>{0, 1}));
  }
}

TEST(PreCommitBatcherLotus, AddMaxSendsOnTheNotifyThatFillsTheBatch) {
  Rig rig;
  for (SectorNumber n = 0; n < 255; ++n) {
    rig.add(n);
    rig.settle();  // each notify iteration runs: below the maximum, nothing is sent
  }
  EXPECT_TRUE(rig.api.sent.empty());
  rig.add(255);
  rig.settle();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  const auto& params = std::get<PreCommitSectorBatchParams>(rig.api.sent[0].params);
  EXPECT_EQ(params.sectors.size(), 256u);
  for (SectorNumber n = 0; n < 256; ++n) {
    ASSERT_TRUE(rig.answers.at(n) && rig.answers.at(n)->has_value()) << n;
    const auto& sectors = rig.answers.at(n)->value().sectors;
    EXPECT_TRUE(rig.answers.at(n)->value().error.empty());
    EXPECT_NE(std::find(sectors.begin(), sectors.end(), n), sectors.end()) << n;
  }
  EXPECT_TRUE(rig.batcher.pending().empty());
}

// --- message, fees, address selection ---

TEST(PreCommitBatcher, SendsMethod25WithDepositSumAndBatchFeeFromTheSelectedAddress) {
  Rig rig;
  rig.add(4, TokenAmount::from_nano(10));
  rig.add(2, TokenAmount::from_nano(32));
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  const BatcherMessage& m = rig.api.sent[0];
  EXPECT_EQ(m.method, method::kPreCommitSectorBatch);
  EXPECT_EQ(m.from, 123u);
  EXPECT_EQ(m.value, TokenAmount::from_nano(42));
  EXPECT_EQ(m.max_fee, TokenAmount::from_fil(5));  // 3 FIL + 2 × 1 FIL
  const auto& params = std::get<PreCommitSectorBatchParams>(m.params);
  ASSERT_EQ(params.sectors.size(), 2u);
  EXPECT_EQ(params.sectors[0].sector_number, 2u);  // sector-number order
  EXPECT_EQ(params.sectors[1].sector_number, 4u);
  ASSERT_EQ(rig.addresses.uses.size(), 1u);
  EXPECT_EQ(rig.addresses.uses[0], AddressUse::PreCommit);
  EXPECT_EQ(rig.addresses.good[0], TokenAmount::from_nano(42) + TokenAmount::from_fil(5));
  EXPECT_EQ(rig.addresses.minimum[0], TokenAmount::from_nano(42));
}

TEST(PreCommitBatcher, OverFullQueueSendsTheLowestSectorNumbersFirst) {
  SealingConfig config = lotus_test_config();
  config.max_pre_commit_batch = 3;
  Rig rig(config);
  for (SectorNumber n : {7u, 1u, 5u, 3u, 9u}) {
    rig.add(n);
  }
  rig.settle();  // one notify iteration (the 1-slot channel), 5 >= 3: one batch of 3
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.answers.at(1)->value().sectors, (std::vector<SectorNumber>{1, 3, 5}));
  EXPECT_EQ(rig.batcher.pending(), ids({7, 9}));
  EXPECT_FALSE(rig.answers.at(7).has_value());
}

TEST(PreCommitBatcher, MaxBatchIsReadLiveFromTheConfig) {
  Rig rig;
  rig.add(0);
  rig.add(1);
  rig.settle();
  EXPECT_TRUE(rig.api.sent.empty());
  rig.config.max_pre_commit_batch = 3;
  rig.add(2);
  rig.settle();
  EXPECT_EQ(rig.api.sent.size(), 1u);
}

// --- cutoffs and the timer ---

TEST(PreCommitBatcherTimer, FarCutoffWaitsTheFullBatchWait) {
  Rig rig;
  // Ticket epoch 0, head 1: cutoff at epoch 3780, 3779 × 30 s = 31.5 h away; minus 3 h slack is
  // beyond the 24 h maximum wait.
  rig.add(0);
  rig.settle();
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + 24 * kHour);
  rig.clock.advance_to(kStart + 24 * kHour - 1);
  EXPECT_TRUE(rig.api.sent.empty());
  rig.clock.advance_to(kStart + 24 * kHour);
  EXPECT_EQ(rig.api.sent.size(), 1u);
  ASSERT_TRUE(rig.answers.at(0) && rig.answers.at(0)->has_value());
  EXPECT_FALSE(rig.batcher.timer_deadline().has_value());  // nothing queued: no timer
}

TEST(PreCommitBatcherTimer, TicketCutoffMinusSlackSetsTheTimer) {
  Rig rig;
  rig.api.head.height = 1000;
  SectorInfo sector;
  sector.ticket_epoch = 1000 - 3780 + 600;  // cutoff 600 epochs = 5 h away; minus 3 h slack: 2 h
  rig.add(0, TokenAmount::from_nano(1), sector);
  rig.settle();
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + 2 * kHour);
  rig.clock.advance_to(kStart + 2 * kHour - 1);
  EXPECT_TRUE(rig.api.sent.empty());
  rig.clock.advance_to(kStart + 2 * kHour);
  EXPECT_EQ(rig.api.sent.size(), 1u);
}

TEST(PreCommitBatcherTimer, EarliestDealStartLowersTheCutoff) {
  Rig rig;
  SectorInfo sector;
  Piece piece;
  piece.deal = DealInfo{};
  piece.deal->schedule.start_epoch = 1 + 480;  // 4 h away; minus 3 h: 1 h
  sector.pieces.push_back(piece);
  rig.add(0, TokenAmount::from_nano(1), sector);
  rig.add(1);  // far cutoff: the earliest one decides
  rig.settle();
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + kHour);
}

TEST(PreCommitBatcherTimer, PassedCutoffSendsOneSecondLater) {
  Rig rig;
  SectorInfo sector;
  Piece piece;
  piece.deal = DealInfo{};
  piece.deal->schedule.start_epoch = 0;  // already started: cutoff now
  sector.pieces.push_back(piece);
  rig.add(0, TokenAmount::from_nano(1), sector);
  rig.settle();
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + 1);
  rig.clock.advance_to(kStart + 1);
  EXPECT_EQ(rig.api.sent.size(), 1u);
}

TEST(PreCommitBatcherTimer, TimerDurationsAreReadOnceWhenTheLoopStarts) {
  Rig rig;
  rig.config.pre_commit_batch_wait = kHour;  // after construction: not used by the timer
  rig.add(0);
  rig.settle();
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + 24 * kHour);
}

// --- failures ---

TEST(PreCommitBatcherFailure, ChainHeadFailureOnAddIsAnsweredAndNothingIsQueued) {
  Rig rig;
  rig.api.fail_next("chain_head", "head unavailable");
  rig.add(0);
  EXPECT_FALSE(rig.answers.at(0).has_value());  // never from inside the call
  rig.settle();
  ASSERT_TRUE(rig.answers.at(0).has_value());
  ASSERT_FALSE(rig.answers.at(0)->has_value());
  EXPECT_EQ(rig.answers.at(0)->error(), "head unavailable");
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(PreCommitBatcherFailure, FailedSendAnswersItsSectorsWithTheErrorButFlushCopiesLackIt) {
  Rig rig;
  rig.add(0);
  rig.add(1);
  rig.api.fail_next("send_msg", "mpool full");
  const auto results = rig.batcher.flush();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].error.empty());  // Q20
  EXPECT_FALSE(results[0].message.has_value());
  rig.settle();
  for (SectorNumber n : {0u, 1u}) {
    ASSERT_TRUE(rig.answers.at(n) && rig.answers.at(n)->has_value());
    EXPECT_EQ(rig.answers.at(n)->value().error, "sending message failed: mpool full");
  }
  EXPECT_TRUE(rig.batcher.pending().empty());
  // The next sector is unaffected.
  rig.add(2);
  rig.batcher.flush();
  rig.settle();
  ASSERT_TRUE(rig.answers.at(2) && rig.answers.at(2)->has_value());
  EXPECT_TRUE(rig.answers.at(2)->value().error.empty());
  EXPECT_TRUE(rig.answers.at(2)->value().message.has_value());
}

TEST(PreCommitBatcherFailure, MinerInfoAndAddressFailuresAnswerTheBatchWithTheirText) {
  Rig rig;
  rig.add(0);
  rig.api.fail_next("state_miner_info", "no state");
  rig.batcher.flush();
  rig.add(1);
  rig.addresses.fail_with = "all broke";
  rig.batcher.flush();
  rig.settle();
  EXPECT_EQ(rig.answers.at(0)->value().error, "couldn't get miner info: no state");
  EXPECT_EQ(rig.answers.at(1)->value().error, "no good address found: all broke");
  EXPECT_TRUE(rig.api.sent.empty());
}

TEST(PreCommitBatcher, FlushOfAnEmptyQueueSendsNothing) {
  Rig rig;
  EXPECT_TRUE(rig.batcher.flush().empty());
  EXPECT_TRUE(rig.api.calls.empty());
}

}  // namespace
}  // namespace sealsim::sealing
