// commit_batcher_test.cpp: CommitBatcher against a fake chain and prover on the simulated clock:
// every case of Lotus's commit_batch_test.go (spec §13.3) with its inputs and outcomes, then the
// aggregate fee, cutoffs and timer, the Q10 crash sites turned into errors with findings, and
// failure isolation.
#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "sealing/commit_batcher.hpp"
#include "tests/sealing/fake_batcher_api.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing {
namespace {

constexpr SimSeconds kStart = 1'000'000;
constexpr SimSeconds kHour = 3600;

// Lotus's test configuration: MinCommitBatch 4, MaxCommitBatch 819, waits 24 h, slack 1 h,
// AggregateAboveBaseFee 0.15 nanoFIL.
SealingConfig lotus_test_config() {
  SealingConfig config;
  config.min_commit_batch = 4;
  config.max_commit_batch = 819;
  config.commit_batch_wait = 24 * kHour;
  config.commit_batch_slack = 1 * kHour;
  config.aggregate_above_base_fee_atto = 150'000'000;
  return config;
}

const TokenAmount kAboveBalancer = TokenAmount::from_nano(1);  // 1 nanoFIL
const TokenAmount kBelowBalancer = TokenAmount(1'000'000);     // 1 picoFIL

struct Rig {
  explicit Rig(TokenAmount base_fee = kAboveBalancer, SealingConfig initial = lotus_test_config())
      : config(initial),
        batcher(1000, api, addresses, api, FeeConfig{}, [this] { return config; }, clock) {
    api.base_fee = base_fee;
  }

  // Adds sector `n` with an on-chain precommit (deposit 0, epoch 1) and keeps its answer.
  void add(SectorNumber n, SectorInfo sector = {}) {
    sector.sector_number = n;
    sector.sector_type = RegisteredSealProof::StackedDrg32GiBV1_1;
    if (api.pre_commits.count(n) == 0) {
      PreCommitOnChainInfo pci;
      pci.info.sector_number = n;
      pci.pre_commit_epoch = 1;
      api.pre_commits[n] = pci;
    }
    AggregateInput input;
    input.seal_proof = RegisteredSealProof::StackedDrg32GiBV1_1;
    input.number = n;
    input.proof = Bytes{static_cast<std::uint8_t>(n), 0x77};
    answers.emplace(n, std::nullopt);
    batcher.add_commit(sector, input, [this, n](Result<CommitBatchResult> r) { answers.at(n) = std::move(r); });
  }
  void add_range(SectorNumber count) {
    for (SectorNumber n = 0; n < count; ++n) {
      add(n);
    }
  }
  void settle() { clock.advance_to(clock.now()); }
  std::size_t sends(std::uint64_t method) const {
    return static_cast<std::size_t>(std::count_if(api.sent.begin(), api.sent.end(),
                                                  [method](const BatcherMessage& m) { return m.method == method; }));
  }
  const CommitBatchResult& answer(SectorNumber n) const { return answers.at(n)->value(); }

  test::FakeClock clock{kStart};
  test::FakeBatcherApi api;
  test::FixedAddressSelector addresses{123};
  SealingConfig config;
  CommitBatcher batcher;
  std::map<SectorNumber, std::optional<Result<CommitBatchResult>>> answers;
};

void expect_add_calls(const Rig& rig, std::size_t sectors) {
  EXPECT_EQ(rig.api.count("chain_head"), sectors);
  EXPECT_EQ(rig.api.count("state_network_version"), sectors);
  EXPECT_EQ(rig.api.count("state_sector_pre_commit_info"), sectors);
}

// --- spec §13.3 ---

TEST(CommitBatcherLotus, AddSingleAboveBalancer) {
  Rig rig(kAboveBalancer);
  rig.add(0);
  expect_add_calls(rig, 1);
  const auto results = rig.batcher.flush();
  EXPECT_EQ(rig.api.count("chain_base_fee"), 0u);  // count < 4: no base-fee query
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].sectors, (std::vector<SectorNumber>{0}));
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 1u);
  EXPECT_EQ(rig.api.sent.size(), 1u);
}

TEST(CommitBatcherLotus, AddTwoAboveBalancer) {
  Rig rig(kAboveBalancer);
  rig.add_range(2);
  expect_add_calls(rig, 2);
  const auto results = rig.batcher.flush();
  EXPECT_EQ(results.size(), 2u);
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 2u);
  EXPECT_EQ(rig.api.count("chain_base_fee"), 0u);
}

TEST(CommitBatcherLotus, AddAteAboveBalancerAggregates) {
  Rig rig(kAboveBalancer);
  rig.add_range(8);
  expect_add_calls(rig, 8);
  const auto results = rig.batcher.flush();
  EXPECT_GE(rig.api.count("chain_base_fee"), 1u);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].sectors, (std::vector<SectorNumber>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(results[0].failed_sectors.empty());
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.api.sent[0].method, method::kProveCommitAggregate);
  const auto& params = std::get<ProveCommitAggregateParams>(rig.api.sent[0].params);
  EXPECT_EQ(params.sector_numbers, (std::set<SectorNumber>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(params.aggregate_proof, rig.api.aggregate);
  rig.settle();
  for (SectorNumber n = 0; n < 8; ++n) {
    EXPECT_EQ(rig.answer(n).message, rig.api.sent_cids[0]);
    EXPECT_TRUE(rig.answer(n).error.empty());
  }
}

TEST(CommitBatcherLotus, AddMaxAboveBalancerAggregatesOnNotify) {
  Rig rig(kAboveBalancer);
  rig.add_range(819);
  rig.settle();  // the notify iteration: 819 reaches MaxCommitBatch
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.api.sent[0].method, method::kProveCommitAggregate);
  EXPECT_EQ(std::get<ProveCommitAggregateParams>(rig.api.sent[0].params).sector_numbers.size(), 819u);
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(CommitBatcherLotus, AddSingleBelowBalancer) {
  Rig rig(kBelowBalancer);
  rig.add(0);
  const auto results = rig.batcher.flush();
  EXPECT_EQ(results.size(), 1u);
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 1u);
}

TEST(CommitBatcherLotus, AddTwoBelowBalancer) {
  Rig rig(kBelowBalancer);
  rig.add_range(2);
  const auto results = rig.batcher.flush();
  EXPECT_EQ(results.size(), 2u);
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 2u);
}

TEST(CommitBatcherLotus, AddAteBelowBalancerGoesIndividual) {
  Rig rig(kBelowBalancer);
  rig.add_range(8);
  const auto results = rig.batcher.flush();
  EXPECT_EQ(rig.api.count("chain_base_fee"), 1u);
  ASSERT_EQ(results.size(), 8u);
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 8u);
  EXPECT_EQ(rig.sends(method::kProveCommitAggregate), 0u);
  for (SectorNumber n = 0; n < 8; ++n) {
    EXPECT_EQ(results[n].sectors, (std::vector<SectorNumber>{n}));  // sector-number order
  }
}

TEST(CommitBatcherLotus, AddMaxBelowBalancerSendsIndividuallyOnNotify) {
  Rig rig(kBelowBalancer);
  rig.add_range(819);
  rig.settle();
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 819u);
  EXPECT_EQ(rig.api.sent.size(), 819u);
}

TEST(CommitBatcherLotus, AddAteAboveBalancerFailOne) {
  Rig rig(kAboveBalancer);
  rig.add_range(8);
  rig.api.pre_commits.erase(1);  // sector 1's precommit info is missing when the batch runs
  const auto results = rig.batcher.flush();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].sectors, (std::vector<SectorNumber>{0, 1, 2, 3, 4, 5, 6, 7}));
  ASSERT_EQ(results[0].failed_sectors.size(), 1u);
  EXPECT_EQ(results[0].failed_sectors.count(1), 1u);
  EXPECT_EQ(results[0].failed_sectors.at(1), "precommit info not found on chain");
  ASSERT_EQ(rig.api.sent.size(), 1u);
  const auto& params = std::get<ProveCommitAggregateParams>(rig.api.sent[0].params);
  EXPECT_EQ(params.sector_numbers, (std::set<SectorNumber>{0, 2, 3, 4, 5, 6, 7}));
  ASSERT_EQ(rig.api.aggregate_requests.size(), 1u);
  EXPECT_EQ(rig.api.aggregate_requests[0].infos.size(), 7u);
}

TEST(CommitBatcherLotus, AddAteBelowBalancerFailOne) {
  Rig rig(kBelowBalancer);
  rig.add_range(8);
  rig.api.pre_commits.erase(1);
  const auto results = rig.batcher.flush();
  ASSERT_EQ(results.size(), 8u);
  EXPECT_EQ(results[1].failed_sectors, (std::map<SectorNumber, std::string>{{1, "precommit info not found on chain"}}));
  for (SectorNumber n = 0; n < 8; ++n) {
    if (n != 1) {
      EXPECT_TRUE(results[n].failed_sectors.empty()) << n;
      EXPECT_TRUE(results[n].message.has_value()) << n;
    }
  }
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 7u);
}

// --- fees, collateral, aggregate request ---

TEST(CommitBatcherFees, AggregateNetworkFeeFollowsTheVersion13Formula) {
  // max(1 nFIL, 2 nFIL) × 65,733,297 × 8 / 20
  EXPECT_EQ(aggregate_network_fee(13, 8, TokenAmount::from_nano(1)), TokenAmount(52'586'637'600'000'000));
  // above the 2 nFIL floor the base fee itself counts: 3 nFIL × 65,733,297 × 20 / 20
  EXPECT_EQ(aggregate_network_fee(13, 20, TokenAmount::from_nano(3)), TokenAmount::from_nano(3) * 65'733'297);
  EXPECT_EQ(aggregate_network_fee(12, 8, TokenAmount::from_nano(1)), TokenAmount{});
}

TEST(CommitBatcherFees, AggregateSendsCollateralPlusFeeMarginWithBatchMaxFee) {
  Rig rig(kAboveBalancer);
  rig.add_range(8);
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  const BatcherMessage& m = rig.api.sent[0];
  // collateral 8 × (3000 nFIL pledge − 0 deposit) + aggregate fee × 110 / 100
  const TokenAmount need = TokenAmount(24'000'000'000'000) + TokenAmount(57'845'301'360'000'000);
  EXPECT_EQ(m.value, need);
  EXPECT_EQ(m.max_fee, TokenAmount::from_nano(30'000'000) * 8);  // 0.03 FIL per sector
  EXPECT_EQ(m.from, 123u);
  EXPECT_EQ(rig.addresses.uses.back(), AddressUse::Commit);
  EXPECT_EQ(rig.addresses.good.back(), m.max_fee + need);
  EXPECT_EQ(rig.addresses.minimum.back(), need);
  const AggregateSealRequest& request = rig.api.aggregate_requests.at(0);
  EXPECT_EQ(request.miner, 1000u);
  EXPECT_EQ(request.seal_proof, RegisteredSealProof::StackedDrg32GiBV1_1);
  EXPECT_EQ(request.aggregate_proof, kSnarkPackV1);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(request.infos[i].number, i);
    EXPECT_EQ(rig.api.aggregate_proofs[0][i], (Bytes{static_cast<std::uint8_t>(i), 0x77}));
  }
}

TEST(CommitBatcherFees, IndividualCollateralIsPledgeMinusDepositNeverNegative) {
  Rig rig(kAboveBalancer);
  PreCommitOnChainInfo rich;
  rich.pre_commit_epoch = 1;
  rich.pre_commit_deposit = TokenAmount::from_nano(5'000);  // more than the 3000 nFIL pledge
  rig.api.pre_commits[0] = rich;
  PreCommitOnChainInfo normal;
  normal.pre_commit_epoch = 1;
  normal.pre_commit_deposit = TokenAmount::from_nano(1'000);
  rig.api.pre_commits[1] = normal;
  rig.add_range(2);
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 2u);
  EXPECT_EQ(rig.api.sent[0].value, TokenAmount{});
  EXPECT_EQ(rig.api.sent[1].value, TokenAmount::from_nano(2'000));
  EXPECT_EQ(rig.api.sent[1].max_fee, FeeConfig{}.max_commit_gas_fee);
  EXPECT_EQ(std::get<ProveCommitSectorParams>(rig.api.sent[1].params),
            (ProveCommitSectorParams{1, Bytes{1, 0x77}}));
}

TEST(CommitBatcherFees, ZeroAggregateAboveBaseFeeSkipsTheBaseFeeCheck) {
  SealingConfig config = lotus_test_config();
  config.aggregate_above_base_fee_atto = 0;
  Rig rig(kBelowBalancer, config);
  rig.add_range(4);
  rig.batcher.flush();
  EXPECT_EQ(rig.sends(method::kProveCommitAggregate), 1u);
}

TEST(CommitBatcherFees, MinCommitBatchAboveFourKeepsSmallBatchesIndividual) {
  SealingConfig config = lotus_test_config();
  config.min_commit_batch = 6;
  Rig rig(kAboveBalancer, config);
  rig.add_range(5);
  rig.batcher.flush();
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 5u);
}

// --- cutoffs and the timer ---

TEST(CommitBatcherTimer, ProveCommitDurationCutoffMinusSlack) {
  Rig rig;
  rig.api.head.height = 86'550 - 120;  // precommit epoch 1: cutoff epoch 86,551, 121 epochs away
  rig.add(0);
  rig.settle();
  // 121 × 30 s = 3630 s; minus 1 h slack: 30 s.
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + 30);
  rig.clock.advance_to(kStart + 29);
  EXPECT_TRUE(rig.api.sent.empty());
  rig.clock.advance_to(kStart + 30);
  EXPECT_EQ(rig.sends(method::kProveCommitSector), 1u);  // timer: processed whatever the count
}

TEST(CommitBatcherTimer, V1ProofsHaveTheShortProveCommitDuration) {
  Rig rig;
  SectorInfo sector;
  rig.add(0, sector);
  rig.settle();
  const auto far = rig.batcher.timer_deadline();
  Rig rig_v1;
  PreCommitOnChainInfo pci;
  pci.pre_commit_epoch = 1;
  rig_v1.api.pre_commits[0] = pci;
  rig_v1.api.head.height = 1001;
  SectorInfo v1;
  v1.sector_number = 0;
  v1.sector_type = RegisteredSealProof::StackedDrg32GiBV1;
  AggregateInput input;
  input.number = 0;
  rig_v1.batcher.add_commit(v1, input, [](Result<CommitBatchResult>) {});
  rig_v1.settle();
  EXPECT_EQ(far, kStart + 24 * kHour);  // V1_1: 86,550 epochs away, capped at the wait
  // V1: cutoff epoch 1 + 3030 = 3031, 2030 epochs from the head: 2030 × 30 s minus 1 h slack.
  EXPECT_EQ(rig_v1.batcher.timer_deadline(), kStart + 2030 * 30 - kHour);
}

TEST(CommitBatcherTimer, DealStartLowersTheCutoff) {
  Rig rig;
  SectorInfo sector;
  Piece piece;
  piece.deal = DealInfo{};
  piece.deal->schedule.start_epoch = 1 + 240;  // 2 h away, minus 1 h slack
  sector.pieces.push_back(piece);
  rig.add(0, sector);
  rig.settle();
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + kHour);
}

// --- Q10 and failures ---

TEST(CommitBatcherFailure, AbsentPrecommitAtCutoffIsAnErrorAndAFindingNotACrash) {
  Rig rig;
  SectorInfo sector;
  sector.sector_number = 5;
  AggregateInput input;
  std::optional<Result<CommitBatchResult>> answer;
  rig.batcher.add_commit(sector, input, [&](Result<CommitBatchResult> r) { answer = std::move(r); });
  rig.settle();
  ASSERT_TRUE(answer.has_value());
  EXPECT_FALSE(answer->has_value());
  EXPECT_NE(answer->error().find("precommit info not found on chain"), std::string::npos);
  ASSERT_EQ(rig.batcher.findings().size(), 1u);
  EXPECT_EQ(rig.batcher.findings()[0].kind, FindingKind::NodeCrash);
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(CommitBatcherFailure, CutoffLookupErrorsAreAnsweredToTheCaller) {
  Rig rig;
  rig.api.fail_next("state_network_version", "no version");
  rig.add(0);
  rig.api.fail_next("state_sector_pre_commit_info", "lookup broke");
  rig.add(1);
  rig.settle();
  EXPECT_EQ(rig.answers.at(0)->error(), "getting network version: no version");
  EXPECT_EQ(rig.answers.at(1)->error(), "lookup broke");
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(CommitBatcherFailure, AggregateWithEverySectorFailedAnswersAllWithAnErrorAndAFinding) {
  Rig rig(kAboveBalancer);
  rig.add_range(4);
  rig.api.pre_commits.clear();
  const auto results = rig.batcher.flush();
  EXPECT_TRUE(rig.api.sent.empty());
  EXPECT_TRUE(rig.api.aggregate_requests.empty());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].failed_sectors.size(), 4u);
  ASSERT_EQ(rig.batcher.findings().size(), 1u);
  EXPECT_EQ(rig.batcher.findings()[0].kind, FindingKind::NodeCrash);
  rig.settle();
  for (SectorNumber n = 0; n < 4; ++n) {
    EXPECT_NE(rig.answer(n).error.find("every sector of the batch failed"), std::string::npos);
  }
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(CommitBatcherFailure, OneFailedIndividualSendFailsOnlyItsSector) {
  Rig rig(kAboveBalancer);
  rig.add_range(3);
  rig.api.fail_next("send_msg", "nonce gap");
  const auto results = rig.batcher.flush();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].failed_sectors.at(0), "pushing message to mpool: nonce gap");
  EXPECT_FALSE(results[0].message.has_value());
  EXPECT_TRUE(results[1].message.has_value());
  EXPECT_TRUE(results[2].message.has_value());
}

TEST(CommitBatcherFailure, AggregateFailureAfterSelectionAnswersTheSelectedSectorsWithTheError) {
  Rig rig(kAboveBalancer);
  rig.add_range(5);
  rig.api.fail_next("aggregate_seal_proofs", "snark broke");
  const auto results = rig.batcher.flush();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].error.empty());  // Q20: the flush copy has no error text
  rig.settle();
  for (SectorNumber n = 0; n < 5; ++n) {
    EXPECT_EQ(rig.answer(n).error, "aggregating proofs: snark broke");
  }
  EXPECT_TRUE(rig.api.sent.empty());
}

TEST(CommitBatcherFailure, EarlyFailuresKeepTheSectorsQueuedForTheNextIteration) {
  Rig rig(kAboveBalancer);
  rig.add_range(2);
  rig.api.fail_next("state_miner_info", "no state");
  EXPECT_TRUE(rig.batcher.flush().empty());
  EXPECT_EQ(rig.batcher.last_error(), "couldn't get miner info: no state");
  EXPECT_EQ(rig.batcher.pending().size(), 2u);
  rig.settle();
  EXPECT_FALSE(rig.answers.at(0).has_value());
  EXPECT_EQ(rig.batcher.flush().size(), 2u);
  EXPECT_EQ(rig.api.sent.size(), 2u);
}

TEST(CommitBatcherFailure, BaseFeeFailureKeepsTheSectorsQueued) {
  Rig rig(kAboveBalancer);
  rig.add_range(4);
  rig.api.fail_next("chain_base_fee", "no fee");
  EXPECT_TRUE(rig.batcher.flush().empty());
  EXPECT_EQ(rig.batcher.last_error(), "couldn't get base fee: no fee");
  EXPECT_EQ(rig.batcher.pending().size(), 4u);
}

}  // namespace
}  // namespace sealsim::sealing
