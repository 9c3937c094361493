// terminate_batcher_test.cpp: TerminateBatcher against a fake chain on the simulated clock, one
// test per rule of spec §11.3: the add-time checks (location, live set), the notify (max) and
// timer (min) triggers, the skipped deadlines, the live-set intersection at send time, the
// AddressedSectorsMax / DeclarationsMax / TerminateBatchMax caps, Q11's unanswered sectors, and
// failure isolation.
#include <map>
#include <optional>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "sealing/terminate_batcher.hpp"
#include "tests/sealing/fake_batcher_api.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing {
namespace {

constexpr SimSeconds kStart = 1'000'000;
constexpr SimSeconds kWait = 5 * 60;

struct Rig {
  explicit Rig(SealingConfig initial = {})
      : config(initial), batcher(1000, api, addresses, FeeConfig{}, [this] { return config; }, clock) {
    api.proving_deadline.index = 0;
  }
  // Places sector `n` live in (deadline, partition) on the fake chain.
  void place(SectorNumber n, std::uint64_t deadline, std::uint64_t partition = 0) {
    api.locations[n] = SectorLocation{deadline, partition};
    auto& parts = api.partitions[deadline];
    if (parts.size() <= partition) {
      parts.resize(partition + 1);
    }
    parts[partition].live_sectors.insert(n);
  }
  void add(SectorNumber n) {
    answers.emplace(n, std::nullopt);
    batcher.add_termination(SectorId{1000, n},
                            [this, n](Result<TerminationResult> r) { answers.at(n) = std::move(r); });
  }
  void place_and_add(SectorNumber n, std::uint64_t deadline, std::uint64_t partition = 0) {
    place(n, deadline, partition);
    add(n);
  }
  void settle() { clock.advance_to(clock.now()); }
  const TerminateSectorsParams& params(std::size_t i = 0) const {
    return std::get<TerminateSectorsParams>(api.sent.at(i).params);
  }
  bool answered(SectorNumber n) const { return answers.at(n).has_value(); }

  test::FakeClock clock{kStart};
  test::FakeBatcherApi api;
  test::FixedAddressSelector addresses{123};
  SealingConfig config;
  TerminateBatcher batcher;
  std::map<SectorNumber, std::optional<Result<TerminationResult>>> answers;
};

// --- AddTermination ---

TEST(TerminateBatcherAdd, SectorNotLiveIsAlreadyTerminatedWithoutMessage) {
  Rig rig;
  rig.place(1, 10);
  rig.api.locations[2] = SectorLocation{10, 0};  // located but not live
  rig.add(2);
  EXPECT_FALSE(rig.answered(2));  // never from inside the call
  rig.settle();
  ASSERT_TRUE(rig.answered(2) && rig.answers.at(2)->has_value());
  EXPECT_TRUE(rig.answers.at(2)->value().already_terminated);
  EXPECT_FALSE(rig.answers.at(2)->value().message.has_value());
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(TerminateBatcherAdd, LocationErrorsAreAnswered) {
  Rig rig;
  rig.add(3);  // no location
  rig.api.fail_next("state_sector_partition", "state broke");
  rig.place(4, 10);
  rig.add(4);
  rig.settle();
  EXPECT_EQ(rig.answers.at(3)->error(), "sector location not found");
  EXPECT_EQ(rig.answers.at(4)->error(), "getting sector location: state broke");
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(TerminateBatcherAdd, PartitionOutOfRangeIsAnErrorAndAFindingNotACrash) {
  Rig rig;
  rig.api.locations[5] = SectorLocation{10, 3};
  rig.add(5);
  rig.settle();
  EXPECT_FALSE(rig.answers.at(5)->has_value());
  ASSERT_EQ(rig.batcher.findings().size(), 1u);
  EXPECT_EQ(rig.batcher.findings()[0].kind, FindingKind::NodeCrash);
}

// --- triggers ---

TEST(TerminateBatcherTrigger, NotifyBelowMaxWaitsForTheTimerWhichSendsAboveMin) {
  Rig rig;
  rig.place_and_add(1, 10);
  rig.settle();  // notify: 1 < TerminateBatchMax (100): nothing sent
  EXPECT_TRUE(rig.api.sent.empty());
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + kWait);
  rig.clock.advance_to(kStart + kWait - 1);
  EXPECT_TRUE(rig.api.sent.empty());
  rig.clock.advance_to(kStart + kWait);  // timer: 1 >= TerminateBatchMin (1)
  ASSERT_EQ(rig.api.sent.size(), 1u);
  const BatcherMessage& m = rig.api.sent[0];
  EXPECT_EQ(m.method, method::kTerminateSectors);
  EXPECT_EQ(m.value, TokenAmount{});
  EXPECT_EQ(m.max_fee, FeeConfig{}.max_terminate_gas_fee);
  EXPECT_EQ(m.from, 123u);
  EXPECT_EQ(rig.addresses.uses.back(), AddressUse::Terminate);
  EXPECT_EQ(rig.addresses.good.back(), FeeConfig{}.max_terminate_gas_fee);
  EXPECT_EQ(rig.addresses.minimum.back(), FeeConfig{}.max_terminate_gas_fee);
  EXPECT_EQ(rig.params().terminations,
            (std::vector<TerminationDeclaration>{{10, 0, {1}}}));
  ASSERT_TRUE(rig.answered(1) && rig.answers.at(1)->has_value());
  EXPECT_EQ(rig.answers.at(1)->value().message, rig.api.sent_cids[0]);
  EXPECT_FALSE(rig.answers.at(1)->value().already_terminated);
  EXPECT_TRUE(rig.batcher.pending().empty());
  EXPECT_FALSE(rig.batcher.timer_deadline().has_value());
}

TEST(TerminateBatcherTrigger, NotifySendsOnceTheQueueReachesMax) {
  SealingConfig config;
  config.terminate_batch_max = 3;
  Rig rig(config);
  rig.place_and_add(1, 10);
  rig.place_and_add(2, 10);
  rig.settle();
  EXPECT_TRUE(rig.api.sent.empty());
  rig.place_and_add(3, 11);
  rig.settle();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.params().terminations,
            (std::vector<TerminationDeclaration>{{10, 0, {1, 2}}, {11, 0, {3}}}));
}

TEST(TerminateBatcherTrigger, TimerWaitsForMin) {
  SealingConfig config;
  config.terminate_batch_min = 3;
  Rig rig(config);
  rig.place_and_add(1, 10);
  rig.place_and_add(2, 10);
  rig.clock.advance_to(kStart + kWait);
  EXPECT_TRUE(rig.api.sent.empty());  // 2 < min
  rig.place_and_add(3, 12);
  rig.settle();  // notify: 3 < max (100)
  EXPECT_TRUE(rig.api.sent.empty());
  EXPECT_EQ(rig.batcher.timer_deadline(), kStart + 2 * kWait);  // re-armed by that iteration
  rig.clock.advance_to(kStart + 2 * kWait);
  EXPECT_EQ(rig.api.sent.size(), 1u);
}

TEST(TerminateBatcherTrigger, FlushIgnoresThresholdsAndReturnsTheMessage) {
  SealingConfig config;
  config.terminate_batch_min = 50;
  Rig rig(config);
  EXPECT_FALSE(rig.batcher.flush().has_value());
  rig.place_and_add(1, 10);
  const auto message = rig.batcher.flush();
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(*message, rig.api.sent_cids.at(0));
}

// --- deadlines ---

TEST(TerminateBatcherDeadlines, CurrentNextAndPreviousDeadlinesAreSkipped) {
  Rig rig;
  rig.api.proving_deadline.index = 20;
  rig.place_and_add(1, 19);  // previous
  rig.place_and_add(2, 20);  // current
  rig.place_and_add(3, 21);  // next
  rig.place_and_add(4, 22);
  rig.place_and_add(5, 18);
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.params().terminations,
            (std::vector<TerminationDeclaration>{{18, 0, {5}}, {22, 0, {4}}}));
  rig.settle();
  EXPECT_TRUE(rig.answered(4) && rig.answered(5));
  EXPECT_FALSE(rig.answered(1) || rig.answered(2) || rig.answered(3));
  EXPECT_EQ(rig.batcher.pending(), (std::vector<SectorId>{{1000, 1}, {1000, 2}, {1000, 3}}));
  // Once the proving deadline moves on, they go.
  rig.api.proving_deadline.index = 30;
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 2u);
  EXPECT_EQ(rig.params(1).terminations.size(), 3u);
}

TEST(TerminateBatcherDeadlines, NeighboursWrapAroundTheProvingPeriod) {
  Rig rig;
  rig.api.proving_deadline.index = 47;
  rig.place_and_add(1, 0);   // next of 47
  rig.place_and_add(2, 46);  // previous
  rig.place_and_add(3, 1);
  EXPECT_TRUE(rig.batcher.flush().has_value());
  EXPECT_EQ(rig.params().terminations, (std::vector<TerminationDeclaration>{{1, 0, {3}}}));
  rig.api.proving_deadline.index = 0;
  rig.place_and_add(4, 47);  // previous of 0
  rig.place_and_add(5, 2);
  rig.batcher.flush();  // 46 is no longer a neighbour; 0 (sector 1) now is the current one
  EXPECT_EQ(rig.params(1).terminations,
            (std::vector<TerminationDeclaration>{{2, 0, {5}}, {46, 0, {2}}}));
}

TEST(TerminateBatcherDeadlines, AllBucketsSkippedSendsNothing) {
  Rig rig;
  rig.api.proving_deadline.index = 10;
  rig.place_and_add(1, 10);
  EXPECT_FALSE(rig.batcher.flush().has_value());
  EXPECT_TRUE(rig.api.sent.empty());
  EXPECT_EQ(rig.batcher.pending().size(), 1u);
}

TEST(TerminateBatcherFailure, VanishedPartitionAtSendTimeIsAFindingAndTheBucketStays) {
  Rig rig;
  rig.place_and_add(1, 10);
  rig.place_and_add(2, 11);
  rig.api.partitions.erase(10);  // deadline 10 now reports no partitions
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.params().terminations, (std::vector<TerminationDeclaration>{{11, 0, {2}}}));
  ASSERT_EQ(rig.batcher.findings().size(), 1u);
  EXPECT_EQ(rig.batcher.findings()[0].kind, FindingKind::NodeCrash);
  EXPECT_EQ(rig.batcher.pending(), (std::vector<SectorId>{{1000, 1}}));
}

TEST(TerminateBatcherFailure, PartitionsLookupFailureAtSendTimeSkipsOnlyThatBucket) {
  Rig rig;
  rig.place_and_add(1, 10);
  rig.place_and_add(2, 11);
  rig.api.fail_next("state_miner_partitions", "state broke");
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.params().terminations, (std::vector<TerminationDeclaration>{{11, 0, {2}}}));
  EXPECT_EQ(rig.batcher.pending(), (std::vector<SectorId>{{1000, 1}}));
}

// --- live set and caps ---

TEST(TerminateBatcherLiveSet, SectorsNoLongerLiveAreDroppedAndNeverAnswered) {
  Rig rig;
  rig.place_and_add(1, 10);
  rig.place_and_add(2, 10);
  rig.place_and_add(3, 10);
  rig.api.partitions[10][0].live_sectors.erase(2);  // faulted out / expired meanwhile
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.params().terminations, (std::vector<TerminationDeclaration>{{10, 0, {1, 3}}}));
  rig.settle();
  EXPECT_TRUE(rig.answered(1) && rig.answered(3));
  EXPECT_FALSE(rig.answered(2));  // Q11
  EXPECT_EQ(rig.batcher.unanswered(), (std::vector<SectorNumber>{2}));
  EXPECT_TRUE(rig.batcher.pending().empty());  // the whole bucket is gone
}

TEST(TerminateBatcherCaps, TerminateBatchMaxStopsAddingBuckets) {
  SealingConfig config;
  config.terminate_batch_max = 3;
  Rig rig(config);
  rig.place_and_add(1, 10);
  rig.place_and_add(2, 10);
  rig.place_and_add(3, 11);
  rig.place_and_add(4, 11);
  rig.place_and_add(5, 12);
  rig.settle();  // notify: the first two buckets make 4 >= 3, the third waits
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.params().terminations,
            (std::vector<TerminationDeclaration>{{10, 0, {1, 2}}, {11, 0, {3, 4}}}));
  EXPECT_EQ(rig.batcher.pending(), (std::vector<SectorId>{{1000, 5}}));
}

TEST(TerminateBatcherCaps, AddressedSectorsMaxCutsTheLastBucketAndDropsTheRest) {
  SealingConfig config;
  config.terminate_batch_max = 20'000;
  Rig rig(config);
  // 101 buckets of 99 sectors (9999 in all), three partitions per deadline from deadline 2 on,
  // then a bucket of 10 that crosses the 10,000 cap.
  SectorNumber n = 0;
  for (std::uint64_t bucket = 0; bucket < 102; ++bucket) {
    const std::uint64_t size = bucket < 101 ? 99 : 10;
    for (std::uint64_t i = 0; i < size; ++i) {
      rig.place_and_add(n++, 2 + bucket / 3, bucket % 3);
    }
  }
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  const auto& terminations = rig.params().terminations;
  ASSERT_EQ(terminations.size(), 102u);
  EXPECT_EQ(terminations[100].sectors.size(), 99u);
  EXPECT_EQ(terminations[101].sectors, (std::set<SectorNumber>{9'999}));  // the first 1 of 10
  rig.settle();
  EXPECT_TRUE(rig.answered(9'999));
  EXPECT_FALSE(rig.answered(10'000));
  std::vector<SectorNumber> dropped;
  for (SectorNumber d = 10'000; d < 10'009; ++d) {
    dropped.push_back(d);
  }
  EXPECT_EQ(rig.batcher.unanswered(), dropped);  // Q11
  EXPECT_TRUE(rig.batcher.pending().empty());
}

TEST(TerminateBatcherCaps, DeclarationsMaxLimitsOneMessage) {
  SealingConfig config;
  config.terminate_batch_max = 20'000;
  Rig rig(config);
  // 3001 buckets of one sector over deadlines 2..46 (0 is being proven, 1 and 47 are its
  // neighbours).
  SectorNumber n = 0;
  for (std::uint64_t dl = 2; dl < 47 && n < 3'001; ++dl) {
    for (std::uint64_t partition = 0; partition < 70 && n < 3'001; ++partition) {
      rig.place_and_add(n++, dl, partition);
    }
  }
  ASSERT_EQ(n, 3'001u);
  rig.batcher.flush();
  ASSERT_EQ(rig.api.sent.size(), 1u);
  EXPECT_EQ(rig.params().terminations.size(), 3'000u);
  EXPECT_EQ(rig.batcher.pending(), (std::vector<SectorId>{{1000, 3'000}}));
}

// --- failures ---

TEST(TerminateBatcherFailure, FailedSendKeepsEverythingQueuedAndTheNextTimerRetries) {
  Rig rig;
  rig.place_and_add(1, 10);
  rig.api.fail_next("send_msg", "mpool full");
  rig.clock.advance_to(kStart + kWait);
  EXPECT_TRUE(rig.api.sent.empty());
  EXPECT_EQ(rig.batcher.last_error(), "sending message failed: mpool full");
  EXPECT_FALSE(rig.answered(1));
  EXPECT_EQ(rig.batcher.pending().size(), 1u);
  rig.clock.advance_to(kStart + 2 * kWait);
  EXPECT_EQ(rig.api.sent.size(), 1u);
  EXPECT_TRUE(rig.answered(1));
}

TEST(TerminateBatcherFailure, DeadlineAndMinerInfoFailuresSendNothing) {
  Rig rig;
  rig.place_and_add(1, 10);
  rig.api.fail_next("state_miner_proving_deadline", "no deadline");
  EXPECT_FALSE(rig.batcher.flush().has_value());
  EXPECT_EQ(rig.batcher.last_error(), "getting proving deadline info failed: no deadline");
  rig.api.fail_next("state_miner_info", "no info");
  EXPECT_FALSE(rig.batcher.flush().has_value());
  EXPECT_EQ(rig.batcher.last_error(), "couldn't get miner info: no info");
  EXPECT_TRUE(rig.batcher.flush().has_value());
}

}  // namespace
}  // namespace sealsim::sealing
