// handlers_precommit_test.cpp: the precommit-side handlers (spec §8.4–§8.11, handlePreCommitFailed
// of §8.18), checkPieces/checkPrecommit with every error class (§9.1, §9.2) and the rows of the
// handling matrix (§9.4) for these handlers, BasicPreCommitPolicy with Lotus's own examples
// (§12.3 / §13.4), the quirks Q1, Q2, Q4 and Q6, and a sector driven from Packing to Committing.
// Everything runs through SectorStateGroup with the fakes, on the simulated clock.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/zero_commitment.hpp"
#include "sealing/checks.hpp"
#include "sealing/handlers.hpp"
#include "sealing/handlers_precommit.hpp"
#include "sealing/message_params.hpp"
#include "sealing/pre_commit_policy.hpp"
#include "sealing/sector_store_memory.hpp"
#include "tests/sealing/handler_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::filler_piece;
using test::kMiner;
using test::kStart;

constexpr ChainEpoch kHead = 10'000;
constexpr ActorId kWorker = 1001;

Cid unsealed(std::uint8_t tag) { return test::test_comm_d(tag); }
Cid sealed(std::uint8_t tag) { return test::test_comm_r(tag); }

Node32 deal_commitment() {
  Node32 c{};
  c[0] = 0x77;
  return c;
}

// The shared handler rig on the precommit side's chain: the head at kHead, a worker, CommD 9 on
// chain and deal 5 proposed for a 1 KiB piece; address selection reads the rig's wallets.
struct Rig : test::HandlerRig {
  explicit Rig(SealingConfig config = {}, NetworkConstants network = {},
               std::optional<BasicPreCommitPolicy> policy = std::nullopt)
      : HandlerRig(test::HandlerRigOptions{
            .config = std::move(config), .network = network, .pre_commit_policy = policy, .model_wallets = true}) {
    chain.head = ChainHead{Bytes{0xaa}, kHead};
    events.set_height(kHead);
    chain.miner_info = MinerInfo{999, kWorker, {}, 0};
    chain.data_commitment = unsealed(9);
    chain.deal_proposals[5] = DealProposal{PieceInfo{PaddedPieceSize(1024), deal_commitment()}, false, 2000, kMiner,
                                           "", kHead + 5000, kHead + 700'000};
  }

  // A committed-capacity sector that has finished PC2: one 2 KiB filler, ticket, CommD, CommR.
  static SectorInfo sealed_sector() {
    SectorInfo info;
    info.pieces = {filler_piece(2048)};
    info.ticket_value = Bytes(32, 0x11);
    info.ticket_epoch = kHead - 900;
    info.pre_commit1_out = Bytes{1};
    info.comm_d = unsealed(9);
    info.comm_r = sealed(9);
    return info;
  }
  // A sector with one deal piece (deal 5) and a filler.
  static SectorInfo deal_sector() {
    SectorInfo info = sealed_sector();
    DealInfo deal;
    deal.deal_id = 5;
    deal.schedule = DealSchedule{kHead + 5000, kHead + 700'000};
    info.pieces = {Piece{PieceInfo{PaddedPieceSize(1024), deal_commitment()}, deal}, filler_piece(1024)};
    return info;
  }

  // HandlerRig::force, for a 2 KiB sector.
  void force(SectorNumber n, SectorState state, SectorInfo base) {
    base.sector_type = RegisteredSealProof::StackedDrg2KiBV1_1;
    HandlerRig::force(n, state, std::move(base));
  }

  // Names of the events logged for the sector since it was forced, in order (each plan call
  // logs every event it was given, consumed or not, and a halting call none).
  std::vector<std::string> events_since_force(SectorNumber n) {
    std::vector<std::string> names;
    for (const auto& entry : record(n).log) {
      const std::string prefix = "event;sealing.";
      if (entry.kind.rfind(prefix, 0) != 0) {
        continue;
      }
      std::string name = entry.kind.substr(prefix.size());
      if (name == "SectorForceState") {
        names.clear();
        continue;
      }
      names.push_back(name);
    }
    return names;
  }
  // Puts the sector's precommit on chain.
  void precommit_on_chain(SectorNumber n, ChainEpoch pre_commit_epoch, ChainEpoch seal_rand_epoch,
                          Cid sealed_cid = sealed(9)) {
    SectorPreCommitInfo info;
    info.sector_number = n;
    info.sealed_cid = std::move(sealed_cid);
    info.seal_rand_epoch = seal_rand_epoch;
    chain.pre_commits[n] = PreCommitOnChainInfo{info, TokenAmount(1), pre_commit_epoch};
    chain.allocated.insert(n);
  }
};

using Events = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// BasicPreCommitPolicy (spec §12.3, Lotus's precommit_policy_test.go: proving period 2880, head 55)

struct PolicyCase {
  Rig rig;
  BasicPreCommitPolicy policy(ChainEpoch duration, ChainEpoch boundary) {
    rig.chain.head.height = 55;
    return BasicPreCommitPolicy{duration, boundary, 2880};
  }
};

Piece deal_piece(ChainEpoch start, ChainEpoch end) {
  DealInfo deal;
  deal.deal_id = 1;
  deal.schedule = DealSchedule{start, end};
  return Piece{PieceInfo{PaddedPieceSize(1024), deal_commitment()}, deal};
}

TEST(BasicPreCommitPolicy, EmptySector) {
  PolicyCase c;
  const auto exp = c.policy(10, 0).expiration(c.rig.chain, {});
  ASSERT_TRUE(exp);
  EXPECT_EQ(*exp, 2879);
}

TEST(BasicPreCommitPolicy, MostConstrictiveSchedule) {
  PolicyCase c;
  const auto exp = c.policy(100, 11).expiration(c.rig.chain, {deal_piece(70, 75), deal_piece(80, 100)});
  ASSERT_TRUE(exp);
  EXPECT_EQ(*exp, 2890);
}

TEST(BasicPreCommitPolicy, IgnoresExistingScheduleIfExpired) {
  PolicyCase c;
  const auto exp = c.policy(100, 0).expiration(c.rig.chain, {deal_piece(1, 10)});
  ASSERT_TRUE(exp);
  EXPECT_EQ(*exp, 2879);
}

TEST(BasicPreCommitPolicy, MissingDealIsIgnored) {
  PolicyCase c;
  const auto exp = c.policy(100, 11).expiration(c.rig.chain, {deal_piece(1, 10), filler_piece(1024)});
  ASSERT_TRUE(exp);
  EXPECT_EQ(*exp, 2890);
}

TEST(BasicPreCommitPolicy, ABoundaryValueStillMovesAFullPeriod) {
  PolicyCase c;
  const auto exp = c.policy(2880 - 55, 0).expiration(c.rig.chain, {});  // end = 2880
  ASSERT_TRUE(exp);
  EXPECT_EQ(*exp, 2880 + 2880 - 1);
}

TEST(BasicPreCommitPolicy, ChainHeadErrorIsReturned) {
  PolicyCase c;
  c.rig.chain.fail_next("chain_head", "head down");
  EXPECT_FALSE(c.policy(10, 0).expiration(c.rig.chain, {}));
}

TEST(BasicPreCommitPolicy, MinerDurationIsMaxExtensionLessTwoProvingPeriods) {
  EXPECT_EQ(BasicPreCommitPolicy::for_network(NetworkConstants::mainnet(), 7).duration, 1'549'440);
  EXPECT_EQ(BasicPreCommitPolicy::for_network(NetworkConstants::mainnet(), 7).proving_boundary, 7);
}

// ---------------------------------------------------------------------------------------------
// checkPieces / checkPrecommit (spec §9.1, §9.2)

SectorInfo numbered(SectorInfo info, SectorNumber n = 1) {
  info.sector_number = n;
  info.sector_type = RegisteredSealProof::StackedDrg2KiBV1_1;
  return info;
}

std::optional<CheckErrorKind> kind(const CheckResult& result) {
  return result ? std::optional<CheckErrorKind>(result->kind) : std::nullopt;
}

TEST(CheckPieces, PassesForAZeroFillerAndAMatchingLiveDeal) {
  Rig rig;
  EXPECT_EQ(check_pieces(rig.chain, kMiner, numbered(Rig::deal_sector())), std::nullopt);
}

TEST(CheckPieces, ChainHeadErrorIsErrApi) {
  Rig rig;
  rig.chain.fail_next("chain_head", "down");
  EXPECT_EQ(kind(check_pieces(rig.chain, kMiner, numbered(Rig::deal_sector()))), CheckErrorKind::Api);
}

TEST(CheckPieces, NonZeroFillerIsErrInvalidPiece) {
  Rig rig;
  SectorInfo info = numbered(Rig::sealed_sector());
  info.pieces[0].piece.commitment[3] = 1;
  EXPECT_EQ(kind(check_pieces(rig.chain, kMiner, info)), CheckErrorKind::InvalidPiece);
}

TEST(CheckPieces, DealProblemsAreErrInvalidDealsAndAStartedDealIsErrExpiredDeals) {
  Rig rig;
  const SectorInfo info = numbered(Rig::deal_sector());
  const DealProposal good = rig.chain.deal_proposals[5];

  rig.chain.deal_proposals.erase(5);  // lookup error
  EXPECT_EQ(kind(check_pieces(rig.chain, kMiner, info)), CheckErrorKind::InvalidDeals);

  rig.chain.deal_proposals[5] = good;
  rig.chain.deal_proposals[5].provider = kMiner + 1;
  EXPECT_EQ(kind(check_pieces(rig.chain, kMiner, info)), CheckErrorKind::InvalidDeals);

  rig.chain.deal_proposals[5] = good;
  rig.chain.deal_proposals[5].piece.commitment[5] = 9;
  EXPECT_EQ(kind(check_pieces(rig.chain, kMiner, info)), CheckErrorKind::InvalidDeals);

  rig.chain.deal_proposals[5] = good;
  rig.chain.deal_proposals[5].piece.size = PaddedPieceSize(2048);
  EXPECT_EQ(kind(check_pieces(rig.chain, kMiner, info)), CheckErrorKind::InvalidDeals);

  rig.chain.deal_proposals[5] = good;
  rig.chain.deal_proposals[5].start_epoch = kHead;  // head >= start
  EXPECT_EQ(kind(check_pieces(rig.chain, kMiner, info)), CheckErrorKind::ExpiredDeals);
  rig.chain.deal_proposals[5].start_epoch = kHead + 1;
  EXPECT_EQ(check_pieces(rig.chain, kMiner, info), std::nullopt);
}

TEST(CheckPrecommit, EveryErrorClass) {
  Rig rig;
  const Bytes tok{0xaa};
  SectorInfo info = numbered(Rig::sealed_sector());
  const auto check = [&](const SectorInfo& i, ChainEpoch height = kHead) {
    return kind(check_precommit(rig.chain, kMiner, i, tok, height, NetworkConstants{}));
  };
  EXPECT_EQ(check(info), std::nullopt);

  SectorInfo bad_piece = info;
  bad_piece.pieces[0].piece.commitment[0] ^= 1;
  EXPECT_EQ(check(bad_piece), CheckErrorKind::InvalidPiece) << "checkPieces errors pass through";

  rig.chain.data_commitment.reset();
  EXPECT_EQ(check(info), CheckErrorKind::Api);
  rig.chain.data_commitment = unsealed(8);
  EXPECT_EQ(check(info), CheckErrorKind::BadCommD);
  rig.chain.data_commitment = unsealed(9);
  SectorInfo no_comm_d = info;
  no_comm_d.comm_d.reset();
  EXPECT_EQ(check(no_comm_d), CheckErrorKind::BadCommD);

  // TicketEpoch < height − 3780.
  EXPECT_EQ(check(info, info.ticket_epoch + 3780), std::nullopt);
  EXPECT_EQ(check(info, info.ticket_epoch + 3781), CheckErrorKind::ExpiredTicket);

  rig.chain.fail_next("state_sector_pre_commit_info", "rpc down");
  EXPECT_EQ(check(info), CheckErrorKind::Api);
  rig.chain.allocated.insert(1);
  EXPECT_EQ(check(info), CheckErrorKind::SectorNumberAllocated);
  rig.precommit_on_chain(1, kHead - 10, info.ticket_epoch - 1);
  EXPECT_EQ(check(info), CheckErrorKind::BadTicket);
  rig.precommit_on_chain(1, kHead - 10, info.ticket_epoch);
  EXPECT_EQ(check(info), CheckErrorKind::PrecommitOnChain);
}

TEST(CheckPrecommit, MessagesAreLotusTexts) {
  Rig rig;
  SectorInfo info = numbered(Rig::sealed_sector());
  info.ticket_epoch = 100;
  const CheckResult expired = check_precommit(rig.chain, kMiner, info, Bytes{0xaa}, 5000, NetworkConstants{});
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->message, "ticket expired: seal height: 1000, head: 5000") << "seal height = epoch + 900";
  info.ticket_epoch = 4000;
  rig.precommit_on_chain(1, 4500, 3999);
  const CheckResult bad = check_precommit(rig.chain, kMiner, info, Bytes{0xaa}, 5000, NetworkConstants{});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->message, "bad ticket epoch: 3999 != 4000");
}

TEST(PreCommitFailed, BadTicketKeepsLotussBadExpiredText) {
  Rig rig;
  SectorInfo base = Rig::sealed_sector();
  rig.precommit_on_chain(1, kHead - 10, base.ticket_epoch - 5);
  rig.force(1, SectorState::PreCommitFailed, base);
  ASSERT_EQ(rig.events_since_force(1), (Events{"SectorSealPreCommit1Failed"}));
  EXPECT_EQ(rig.record(1).log.back().trace.rfind("bad expired: bad ticket epoch: ", 0), 0u)
      << rig.record(1).log.back().trace;
}

TEST(CheckErrors, NamesAreLotusClassNames) {
  EXPECT_EQ(check_error_name(CheckErrorKind::Api), "ErrApi");
  EXPECT_EQ(check_error_name(CheckErrorKind::SectorNumberAllocated), "ErrSectorNumberAllocated");
  EXPECT_EQ(check_error_name(CheckErrorKind::CommitWaitFailed), "ErrCommitWaitFailed");
}

TEST(MinerEntropy, IsTheCborByteStringOfTheIdAddress) {
  // f01000: protocol 0, uvarint(1000) = e8 07; CBOR byte string of 3 bytes = 0x43.
  EXPECT_EQ(miner_entropy(1000), (Bytes{0x43, 0x00, 0xe8, 0x07}));
  EXPECT_EQ(miner_entropy(5), (Bytes{0x42, 0x00, 0x05}));
}

TEST(MessageParams, PreCommitSectorParamsAreACborTuple) {
  SectorPreCommitInfo p;
  p.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  p.sector_number = 7;
  p.sealed_cid = sealed(1);
  p.seal_rand_epoch = 100;
  p.deal_ids = {1, 2};
  p.expiration = 1000;
  Bytes expected{0x8a, 0x05, 0x07, 0xd8, 0x2a, 0x58, 0x29, 0x00};
  const Bytes cid = p.sealed_cid.to_bytes();
  ASSERT_EQ(cid.size(), 40u);
  expected.insert(expected.end(), cid.begin(), cid.end());
  const Bytes tail{0x18, 0x64, 0x82, 0x01, 0x02, 0x19, 0x03, 0xe8, 0xf4, 0x00, 0x00, 0x00};
  expected.insert(expected.end(), tail.begin(), tail.end());
  EXPECT_EQ(encode_pre_commit_params(p), expected);
  p.seal_rand_epoch = -1;  // negative integers: major type 1
  EXPECT_EQ(encode_pre_commit_params(p)[8 + 40], 0x20);
  const Bytes batch = encode_pre_commit_batch_params({p, p});
  EXPECT_EQ(batch[0], 0x81);
  EXPECT_EQ(batch[1], 0x82);
}

// ---------------------------------------------------------------------------------------------
// AddressSelector (Lotus v1.11.0 storage/addresses.go)

struct Wallets {
  std::map<ActorId, std::int64_t> nano;
  WalletBalanceLookup lookup() const {
    return [this](ActorId id) {
      auto it = nano.find(id);
      return it == nano.end() ? Result<TokenAmount>::fail("no wallet")
                              : Result<TokenAmount>::ok(TokenAmount::from_nano(it->second));
    };
  }
};

const MinerInfo kMinerInfo{/*owner*/ 10, /*worker*/ 11, /*control*/ {12, 13}, 0};

ActorId pick(const Wallets& w, const AddressConfig& config = {}, AddressUse use = AddressUse::PreCommit,
             std::int64_t good = 100, std::int64_t min = 10) {
  return select_address(kMinerInfo, config, use, TokenAmount::from_nano(good), TokenAmount::from_nano(min),
                        w.lookup())
      .address;
}

TEST(AddressSelector, WorkerThenOwnerWhenFunded) {
  EXPECT_EQ(pick(Wallets{{{11, 100}, {10, 500}}}), 11u);
  EXPECT_EQ(pick(Wallets{{{11, 99}, {10, 100}}}), 10u);
}

TEST(AddressSelector, WithoutGoodFundsTheBestFundedAboveMinimumElseTheWorker) {
  EXPECT_EQ(pick(Wallets{{{11, 50}, {10, 80}}}), 10u);
  const AddressChoice choice = select_address(kMinerInfo, {}, AddressUse::PreCommit, TokenAmount::from_nano(100),
                                              TokenAmount::from_nano(10), Wallets{{{11, 5}, {10, 10}}}.lookup());
  EXPECT_EQ(choice, (AddressChoice{11, TokenAmount::from_nano(10)})) << "nothing above minFunds: worker";
  EXPECT_EQ(pick(Wallets{}), 11u) << "balance errors skip every address";
}

TEST(AddressSelector, ConfiguredControlAddressesComeFirst) {
  AddressConfig config;
  config.pre_commit_control = {12};
  EXPECT_EQ(pick(Wallets{{{12, 100}, {11, 100}}}, config), 12u);
  EXPECT_EQ(pick(Wallets{{{12, 100}, {11, 100}}}, config, AddressUse::Commit), 11u) << "not for commits";
  config.pre_commit_control = {77};  // not a control address of the miner: ignored
  EXPECT_EQ(pick(Wallets{{{77, 100}, {11, 100}}}, config), 11u);
}

TEST(AddressSelector, FallbacksCanBeDisabled) {
  AddressConfig config;
  config.pre_commit_control = {12};
  config.disable_worker_fallback = true;
  config.disable_owner_fallback = true;
  EXPECT_EQ(pick(Wallets{{{11, 100}, {10, 100}}}, config), 11u) << "no candidate funded: the worker anyway";
  config.disable_owner_fallback = false;
  EXPECT_EQ(pick(Wallets{{{11, 100}, {10, 100}}}, config), 10u) << "worker skipped, owner funded";
  config.pre_commit_control.clear();
  EXPECT_EQ(pick(Wallets{{{11, 100}, {10, 100}}}, config), 11u) << "no control configured: worker is kept";
}

TEST(AddressSelector, OtherUsesTakeControlAddressesNotReservedForAUse) {
  AddressConfig config;
  config.commit_control = {12};
  EXPECT_EQ(pick(Wallets{{{12, 100}, {13, 100}}}, config, AddressUse::Other), 13u);
  EXPECT_EQ(pick(Wallets{{{12, 100}, {13, 100}}}, {}, AddressUse::Other), 12u) << "ascending ids";
}

TEST(AddressSelector, WithoutWalletsEveryAddressCountsAsFunded) {
  AddressConfig config;
  config.commit_control = {12};
  EXPECT_EQ(select_address(kMinerInfo, config, AddressUse::Commit, TokenAmount::from_nano(100),
                           TokenAmount::from_nano(10), {})
                .address,
            12u);
  EXPECT_EQ(pick(Wallets{}, {}, AddressUse::Commit), 11u) << "with wallets, none funded: the worker";
}

TEST(AddressSelector, TheBatchersSelectorIsSelectAddress) {
  AddressConfig config;
  config.terminate_control = {13};
  Wallets wallets{{{13, 5}, {11, 100}}};
  ConfiguredAddressSelector selector(config, wallets.lookup());
  const Result<ActorId> from =
      selector.select(kMinerInfo, AddressUse::Terminate, TokenAmount::from_nano(100), TokenAmount::from_nano(10));
  ASSERT_TRUE(from);
  EXPECT_EQ(*from, 11u) << "the control address lacks funds: the funded worker";
  EXPECT_EQ(*ConfiguredAddressSelector(config).select(kMinerInfo, AddressUse::Terminate, TokenAmount::from_nano(100),
                                                      TokenAmount::from_nano(10)),
            13u);
}

// ---------------------------------------------------------------------------------------------
// GetTicket (spec §8.4)

TEST(GetTicket, DrawsTheTicketSealRandomnessLookbackBeforeTheHead) {
  Rig rig;
  rig.sealer.fail_next("pc1");  // stop in SealPreCommit1Failed after PC1 to keep the test short
  SectorInfo base = Rig::sealed_sector();
  base.ticket_value.clear();
  base.ticket_epoch = 0;
  rig.force(1, SectorState::GetTicket, base);
  const SectorInfo info = rig.record(1);
  EXPECT_EQ(info.ticket_epoch, kHead - 900);
  EXPECT_EQ(info.ticket_value, rig.chain.ticket_randomness);
  EXPECT_EQ(rig.chain.randomness_epochs, (std::vector<ChainEpoch>{kHead - 900}));
  EXPECT_TRUE(info.in_state(SectorState::PreCommit1));
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorTicket"}));
}

TEST(GetTicket, ReDerivesTheTicketOfAnOnChainPrecommit) {
  Rig rig;
  rig.precommit_on_chain(1, kHead - 100, kHead - 2000);
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_EQ(rig.record(1).ticket_epoch, kHead - 2000);
  EXPECT_EQ(rig.chain.randomness_epochs.front(), kHead - 2000);
}

TEST(GetTicket, ApiErrorGivesAnEmptyTicketThatPreCommit1BouncesBackQ4) {
  Rig rig;
  rig.chain.fail_next("chain_head", "head unavailable");
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  // Empty ticket at epoch 0 → PreCommit1 sees it expired, no precommit → OldTicket → GetTicket,
  // which now succeeds.
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorTicket", "SectorOldTicket", "SectorTicket"}));
  EXPECT_EQ(rig.record(1).ticket_epoch, kHead - 900);
  EXPECT_TRUE(rig.in(1, SectorState::PreCommit1));
}

TEST(GetTicket, AllocatedCheckErrorAlsoGivesAnEmptyTicket) {
  Rig rig;
  rig.chain.fail_next("state_miner_sector_allocated", "rpc");
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorTicket", "SectorOldTicket", "SectorTicket"}));
}

TEST(GetTicket, AllocatedNumberWithoutPrecommitRemovesTheSector) {
  Rig rig;
  rig.chain.allocated.insert(1);
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorRemove"}));
  EXPECT_TRUE(rig.in(1, SectorState::Removing) || rig.in(1, SectorState::Removed));
}

TEST(GetTicket, AllocatedNumberReportedWithoutPrecommitRemovesTheSector) {
  Rig rig;
  rig.chain.allocated.insert(1);
  rig.chain.allocated_sentinel = false;  // the lookup says "absent": getTicket's own check
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorRemove"}));
  EXPECT_TRUE(rig.chain.randomness_epochs.empty());
}

TEST(GetTicket, ExpiredPrecommitRemovesTheSector) {
  Rig rig;
  rig.precommit_on_chain(1, kHead - 86'551, kHead - 90'000);  // head > epoch + 86,550
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorRemove"}));
}

TEST(GetTicket, PrecommitAtTheProveCommitLimitIsStillUsable) {
  Rig rig;
  rig.precommit_on_chain(1, kHead - 86'550, kHead - 90'000);
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorTicket");
}

TEST(GetTicket, ExpiredPrecommitWithACommitMessageGoesToCommitFailed) {
  Rig rig;
  rig.precommit_on_chain(1, kHead - 90'000, kHead - 91'000);
  SectorInfo base = Rig::sealed_sector();
  base.commit_message = unsealed(3);
  rig.runner.park = {SectorHandler::CommitFailed};  // hold it where GetTicket sent it
  rig.force(1, SectorState::GetTicket, base);
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorCommitFailed");
  EXPECT_TRUE(rig.in(1, SectorState::CommitFailed));
}

TEST(GetTicket, NetworkVersionErrorOnAPrecommittedSectorRemovesIt) {
  Rig rig;
  rig.precommit_on_chain(1, kHead - 100, kHead - 2000);
  rig.chain.fail_next("state_network_version", "nv");
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorRemove"}));
}

TEST(GetTicket, RandomnessErrorOnAnUnallocatedSectorHaltsItQ1) {
  Rig rig;
  rig.chain.fail_next("chain_get_randomness_from_tickets", "beacon down");
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_TRUE(rig.group.halted(1));
  EXPECT_TRUE(rig.in(1, SectorState::GetTicket));
  ASSERT_EQ(rig.trace.findings.size(), 1u);
  EXPECT_EQ(rig.trace.findings[0].kind, FindingKind::PlannerHalt);
  EXPECT_EQ(rig.trace.findings[0].event, "SectorSealPreCommit1Failed");
}

TEST(GetTicket, PrecommitInfoErrorOnAnUnallocatedSectorHaltsItQ1) {
  Rig rig;
  rig.chain.fail_next("state_sector_pre_commit_info", "rpc");
  rig.force(1, SectorState::GetTicket, Rig::sealed_sector());
  EXPECT_TRUE(rig.group.halted(1));
}

// ---------------------------------------------------------------------------------------------
// PreCommit1 (spec §8.5)

TEST(PreCommit1, SealsWithTheTicketAndMovesToPreCommit2) {
  Rig rig;
  SectorInfo base = Rig::sealed_sector();
  base.pre_commit1_out.clear();
  rig.force(1, SectorState::PreCommit1, base);
  EXPECT_TRUE(rig.group.busy(1)) << "PC1 runs on the sector manager";
  rig.clock.advance_to(kStart + 10);
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorPreCommit1");
  EXPECT_EQ(rig.record(1).pre_commit1_out, Bytes{1});
  EXPECT_EQ(rig.sealer.calls.front(), "pc1");
}

TEST(PreCommit1, InvalidDealsGoToRecoverDealIdsReturningToPreCommit1) {
  Rig rig;
  rig.chain.deal_proposals[5].provider = 4;
  rig.runner.park = {SectorHandler::RecoverDealIDs};  // hold it where PreCommit1 sent it
  rig.force(1, SectorState::PreCommit1, Rig::deal_sector());
  EXPECT_TRUE(rig.in(1, SectorState::RecoverDealIDs));
  EXPECT_EQ(rig.record(1).return_state, "PreCommit1");
  EXPECT_TRUE(rig.sealer.calls.empty());
}

TEST(PreCommit1, ExpiredDealsGoToDealsExpired) {
  Rig rig;
  rig.chain.deal_proposals[5].start_epoch = kHead - 1;
  rig.force(1, SectorState::PreCommit1, Rig::deal_sector());
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorDealsExpired");
}

TEST(PreCommit1, ApiErrorAndInvalidPieceStall) {
  Rig rig;
  rig.chain.fail_next("chain_head", "down");
  rig.force(1, SectorState::PreCommit1, Rig::sealed_sector());
  EXPECT_TRUE(rig.in(1, SectorState::PreCommit1));
  EXPECT_FALSE(rig.group.busy(1));
  EXPECT_TRUE(rig.events_since_force(1).empty());

  SectorInfo bad = Rig::sealed_sector();
  bad.pieces[0].piece.commitment[0] = 1;
  rig.force(2, SectorState::PreCommit1, bad);
  EXPECT_TRUE(rig.in(2, SectorState::PreCommit1));
  EXPECT_FALSE(rig.group.busy(2));
  EXPECT_TRUE(rig.sealer.calls.empty());
}

TEST(PreCommit1, HeadErrorAfterTheChecksStalls) {
  Rig rig;
  rig.chain.fail_next("chain_head", "down", 1, 1);  // checkPieces' head succeeds
  rig.force(1, SectorState::PreCommit1, Rig::sealed_sector());
  EXPECT_FALSE(rig.group.busy(1));
  EXPECT_TRUE(rig.sealer.calls.empty());
}

TEST(PreCommit1, ExpiredTicketWithoutPrecommitGetsANewTicket) {
  Rig rig;
  rig.sealer.fail_next("pc1");
  SectorInfo base = Rig::sealed_sector();
  base.ticket_epoch = kHead - 3781;  // head − epoch > 3780
  rig.force(1, SectorState::PreCommit1, base);
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorOldTicket", "SectorTicket"}));
  EXPECT_EQ(rig.record(1).ticket_epoch, kHead - 900);
}

TEST(PreCommit1, TicketAtExactlyMaxAgeIsNotExpired) {
  Rig rig;
  SectorInfo base = Rig::sealed_sector();
  base.ticket_epoch = kHead - 3780;
  rig.force(1, SectorState::PreCommit1, base);
  EXPECT_EQ(rig.sealer.calls, (std::vector<std::string>{"pc1"}));
}

TEST(PreCommit1, ExpiredTicketOfAProvablePrecommitIsKept) {
  Rig rig;
  SectorInfo base = Rig::sealed_sector();
  base.ticket_epoch = kHead - 5000;
  rig.precommit_on_chain(1, kHead - 1000, base.ticket_epoch);
  rig.force(1, SectorState::PreCommit1, base);
  EXPECT_EQ(rig.sealer.calls, (std::vector<std::string>{"pc1"}));
  rig.clock.advance_to(kStart + 10);
  EXPECT_EQ(rig.record(1).ticket_epoch, kHead - 5000);
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorPreCommit1");
}

TEST(PreCommit1, ExpiredTicketOfAnExpiredPrecommitGoesBackToGetTicketWhichRemoves) {
  Rig rig;
  SectorInfo base = Rig::sealed_sector();
  base.ticket_epoch = kHead - 100'000;
  rig.precommit_on_chain(1, kHead - 90'000, base.ticket_epoch);
  rig.force(1, SectorState::PreCommit1, base);
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorOldTicket", "SectorRemove"}));
}

TEST(PreCommit1, ExpiredTicketLookupErrorsStall) {
  Rig rig;
  SectorInfo base = Rig::sealed_sector();
  base.ticket_epoch = kHead - 5000;
  rig.chain.fail_next("state_sector_pre_commit_info", "rpc");
  rig.force(1, SectorState::PreCommit1, base);
  EXPECT_FALSE(rig.group.busy(1));
  EXPECT_TRUE(rig.events_since_force(1).empty());

  rig.precommit_on_chain(2, kHead - 1000, base.ticket_epoch);
  rig.chain.fail_next("state_network_version", "nv");
  rig.force(2, SectorState::PreCommit1, base);
  EXPECT_FALSE(rig.group.busy(2));
  EXPECT_TRUE(rig.events_since_force(2).empty());
  EXPECT_TRUE(rig.sealer.calls.empty());
}

TEST(PreCommit1, SealFailureRetriesAfterTheCooldown) {
  Rig rig;
  rig.sealer.fail_next("pc1");
  rig.force(1, SectorState::PreCommit1, Rig::sealed_sector());
  rig.clock.advance_to(kStart + 10);
  EXPECT_TRUE(rig.in(1, SectorState::SealPreCommit1Failed));
  rig.clock.advance_to(kStart + 69);
  EXPECT_TRUE(rig.in(1, SectorState::SealPreCommit1Failed));
  rig.clock.advance_to(kStart + 70);
  EXPECT_TRUE(rig.in(1, SectorState::PreCommit1));
  EXPECT_EQ(rig.sealer.calls, (std::vector<std::string>{"pc1", "pc1"}));
}

// ---------------------------------------------------------------------------------------------
// PreCommitting (spec §8.7, §8.8)

SealingConfig no_batching() {
  SealingConfig c;
  c.batch_pre_commits = false;
  return c;
}

TEST(PreCommitting, BatchesFromNetworkVersion13) {
  Rig rig;
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorPreCommitBatch"}));
  EXPECT_TRUE(rig.in(1, SectorState::SubmitPreCommitBatch));
  EXPECT_EQ(rig.batchers.pre_commits.size(), 1u);
  EXPECT_TRUE(rig.chain.sent.empty());
}

TEST(PreCommitting, SendsPreCommitSectorBelowNetworkVersion13) {
  Rig rig;
  rig.chain.network_version = 12;
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  ASSERT_EQ(rig.chain.sent.size(), 1u);
  const auto& msg = rig.chain.sent[0];
  EXPECT_EQ(msg.method, 6u);
  EXPECT_EQ(msg.from, kWorker);
  EXPECT_EQ(msg.value, rig.chain.pre_commit_deposit);
  EXPECT_EQ(msg.max_fee, TokenAmount::from_nano(25'000'000));
  const SectorInfo info = rig.record(1);
  EXPECT_TRUE(info.in_state(SectorState::PreCommitWait));
  ASSERT_TRUE(info.pre_commit_info);
  EXPECT_EQ(msg.params, encode_pre_commit_params(*info.pre_commit_info));
  EXPECT_EQ(info.pre_commit_message, msg.cid);
  EXPECT_EQ(info.pre_commit_deposit, rig.chain.pre_commit_deposit);
  EXPECT_EQ(info.pre_commit_info->sealed_cid, sealed(9));
  EXPECT_EQ(info.pre_commit_info->seal_rand_epoch, kHead - 900);
  EXPECT_EQ(info.pre_commit_info->sector_number, 1u);
  // Policy: head 10,000 + 1,549,440 = 1,559,440, aligned to the epoch before the next multiple
  // of 2880 (1,560,960): 1,560,959; above the minimum 9,100 + 3,780 + 86,550 + 518,400.
  EXPECT_EQ(info.pre_commit_info->expiration, 1'560'959);
}

TEST(PreCommitting, SendsFromTheOwnerWhenOnlyItCoversDepositAndFee) {
  Rig rig(no_batching());
  const TokenAmount good = rig.chain.pre_commit_deposit + TokenAmount::from_nano(25'000'000);
  rig.wallets[kWorker] = good - TokenAmount(1);
  rig.wallets[999] = good;  // the owner
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  ASSERT_EQ(rig.chain.sent.size(), 1u);
  EXPECT_EQ(rig.chain.sent[0].from, 999u);
}

TEST(PreCommitting, BatchingOffSendsASingleMessageAndDealIdsAreListed) {
  Rig rig(no_batching());
  rig.force(1, SectorState::PreCommitting, Rig::deal_sector());
  ASSERT_EQ(rig.chain.sent.size(), 1u);
  const SectorInfo info = rig.record(1);
  ASSERT_TRUE(info.pre_commit_info);
  EXPECT_EQ(info.pre_commit_info->deal_ids, (std::vector<DealId>{5}));
  // The deal ends at 710,000: 710,000 + 2880 − (710,000 mod 2880 = 1,520) − 1, above the
  // minimum 617,830.
  EXPECT_EQ(info.pre_commit_info->expiration, 711'359);
}

TEST(PreCommitting, ExpirationIsRaisedToTheMinimum) {
  Rig rig(no_batching(), NetworkConstants{}, BasicPreCommitPolicy{10, 0, 2880});
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  ASSERT_TRUE(rig.record(1).pre_commit_info);
  EXPECT_EQ(rig.record(1).pre_commit_info->expiration, (kHead - 900) + 3780 + 86'550 + 518'400);
}

TEST(PreCommitting, DepositIsTheChainsPreCommitDepositForPower) {
  Rig rig(no_batching());
  rig.chain.pre_commit_deposit = TokenAmount::from_nano(42);
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  ASSERT_EQ(rig.chain.sent.size(), 1u);
  EXPECT_EQ(rig.chain.sent[0].value, TokenAmount::from_nano(42));
}

TEST(PreCommitting, NetworkVersionOrHeadErrorBeforeBatchingStalls) {
  Rig rig;
  rig.chain.fail_next("state_network_version", "nv");
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  EXPECT_TRUE(rig.in(1, SectorState::PreCommitting));
  EXPECT_FALSE(rig.group.busy(1));
  rig.chain.fail_next("chain_head", "down");
  rig.force(2, SectorState::PreCommitting, Rig::sealed_sector());
  EXPECT_TRUE(rig.in(2, SectorState::PreCommitting));
  EXPECT_TRUE(rig.events_since_force(2).empty());
}

struct MatrixRow {
  const char* name;
  std::function<void(Rig&, SectorInfo&)> setup;
  Events events;             // planned events after the force
  SectorState state;         // state reached; Undefined: STALL in the handler's state
};

// The states a matrix row sends the sector to whose handlers act at once (RecoverDealIDs and
// DealsExpired go on to SectorRemove here); parked, so a row sees the state it sent the sector to.
const std::set<SectorHandler> kMatrixTargets = {SectorHandler::RecoverDealIDs, SectorHandler::DealsExpired};

// Shared setups for each error class of checkPrecommit.
std::vector<MatrixRow> check_rows() {
  return {
      {"ErrApi", [](Rig& r, SectorInfo&) { r.chain.data_commitment.reset(); }, {}, SectorState::Undefined},
      {"ErrInvalidPiece", [](Rig&, SectorInfo& s) { s.pieces[0].piece.commitment[0] = 1; }, {}, SectorState::Undefined},
      {"ErrBadCommD", [](Rig& r, SectorInfo&) { r.chain.data_commitment = unsealed(1); },
       {"SectorSealPreCommit1Failed"}, SectorState::SealPreCommit1Failed},
      {"ErrExpiredTicket", [](Rig&, SectorInfo& s) { s.ticket_epoch = kHead - 3781; },
       {"SectorSealPreCommit1Failed"}, SectorState::SealPreCommit1Failed},
      {"ErrBadTicket", [](Rig& r, SectorInfo& s) { r.precommit_on_chain(1, kHead - 10, s.ticket_epoch - 5); },
       {"SectorSealPreCommit1Failed"}, SectorState::SealPreCommit1Failed},
      {"ErrInvalidDeals", [](Rig& r, SectorInfo& s) { s = Rig::deal_sector(); r.chain.deal_proposals.erase(5); },
       {"SectorInvalidDealIDs"}, SectorState::RecoverDealIDs},
      {"ErrExpiredDeals", [](Rig& r, SectorInfo& s) { s = Rig::deal_sector(); r.chain.deal_proposals[5].start_epoch = 1; },
       {"SectorDealsExpired"}, SectorState::DealsExpired},
      {"ErrPrecommitOnChain", [](Rig& r, SectorInfo& s) { r.precommit_on_chain(1, kHead + 100, s.ticket_epoch); },
       {"SectorPreCommitLanded"}, SectorState::WaitSeed},
      {"ErrSectorNumberAllocated", [](Rig& r, SectorInfo&) { r.chain.allocated.insert(1); }, {}, SectorState::Undefined},
  };
}

TEST(PreCommitting, HandlingMatrixOfCheckPrecommit) {
  // §9.4 column "preCommitParams (PreCommitting)"; Undefined = STALL (stays in PreCommitting).
  for (const MatrixRow& row : check_rows()) {
    SCOPED_TRACE(row.name);
    Rig rig(no_batching());
    rig.runner.park = kMatrixTargets;
    SectorInfo base = Rig::sealed_sector();
    row.setup(rig, base);
    rig.force(1, SectorState::PreCommitting, base);
    EXPECT_EQ(rig.events_since_force(1), row.events);
    const SectorState expected = row.state == SectorState::Undefined ? SectorState::PreCommitting : row.state;
    EXPECT_TRUE(rig.in(1, expected)) << rig.record(1).state_name();
    EXPECT_FALSE(rig.group.halted(1));
    EXPECT_TRUE(rig.chain.sent.empty());
    if (row.state == SectorState::RecoverDealIDs) {
      EXPECT_EQ(rig.record(1).return_state, "PreCommitting");
    }
    if (row.state == SectorState::Undefined) {
      EXPECT_FALSE(rig.group.busy(1)) << "STALL";
    }
  }
}

TEST(PreCommitting, PrecommitOnChainLandsWithTheHeadTipset) {
  Rig rig(no_batching());
  SectorInfo base = Rig::sealed_sector();
  rig.precommit_on_chain(1, kHead - 10, base.ticket_epoch);
  rig.force(1, SectorState::PreCommitting, base);
  EXPECT_EQ(rig.record(1).pre_commit_tipset, (Bytes{0xaa}));
  EXPECT_EQ(rig.events.watches(), 1u) << "WaitSeed registered its ChainAt";
}

TEST(PreCommitting, ExpirationErrorSendsSealPreCommit1Failed) {
  Rig rig(no_batching());
  rig.chain.fail_next("chain_head", "down", 1, 2);  // preCommitParams' and checkPieces' heads succeed
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorSealPreCommit1Failed"}));
}

TEST(PreCommitting, NetworkVersionErrorInParamsSendsSealPreCommit1Failed) {
  Rig rig(no_batching());
  rig.chain.fail_next("state_network_version", "nv");
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorSealPreCommit1Failed"}));
}

TEST(PreCommitting, DepositAndMinerInfoErrorsStall) {
  Rig rig(no_batching());
  rig.chain.fail_next("state_miner_pre_commit_deposit_for_power", "rpc");
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  EXPECT_TRUE(rig.events_since_force(1).empty());
  EXPECT_FALSE(rig.group.busy(1));
  rig.chain.fail_next("state_miner_info", "rpc");
  rig.force(2, SectorState::PreCommitting, Rig::sealed_sector());
  EXPECT_TRUE(rig.events_since_force(2).empty());
  EXPECT_TRUE(rig.chain.sent.empty());
}

TEST(PreCommitting, SendErrorGoesToPreCommitFailed) {
  Rig rig(no_batching());
  rig.chain.fail_next("send_msg", "mpool full");
  rig.force(1, SectorState::PreCommitting, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorChainPreCommitFailed");
  EXPECT_TRUE(rig.in(1, SectorState::PreCommitFailed));
}

TEST(PreCommitting, AbsentCommRIsANodeCrashFinding) {
  Rig rig(no_batching());
  SectorInfo base = Rig::sealed_sector();
  base.comm_r.reset();
  rig.force(1, SectorState::PreCommitting, base);
  EXPECT_TRUE(rig.in(1, SectorState::PreCommitting));
  EXPECT_FALSE(rig.group.busy(1));
  ASSERT_EQ(rig.trace.findings.size(), 1u);
  EXPECT_EQ(rig.trace.findings[0].kind, FindingKind::NodeCrash);
  EXPECT_EQ(rig.record(1).log.back().kind, "finding;NodeCrash");
  EXPECT_TRUE(rig.chain.sent.empty());
}

// ---------------------------------------------------------------------------------------------
// SubmitPreCommitBatch (spec §8.9)

TEST(SubmitPreCommitBatch, AddsToTheBatcherAndWaitsForItsMessage) {
  Rig rig;
  rig.force(1, SectorState::SubmitPreCommitBatch, Rig::sealed_sector());
  ASSERT_EQ(rig.batchers.pre_commits.size(), 1u);
  const auto& add = rig.batchers.pre_commits[0].added;
  EXPECT_EQ(add.sector, 1u);
  EXPECT_EQ(add.deposit, rig.chain.pre_commit_deposit);
  EXPECT_EQ(add.params.sealed_cid, sealed(9));
  EXPECT_EQ(add.params.expiration, 1'560'959);
  EXPECT_TRUE(rig.group.busy(1)) << "blocks until the batch is sent";
  rig.batchers.answer(rig.batchers.pre_commits[0],
                      Result<PreCommitBatchResult>::ok(PreCommitBatchResult{{1}, unsealed(4), ""}));
  rig.clock.advance_to(kStart);
  EXPECT_TRUE(rig.in(1, SectorState::PreCommitBatchWait));
  EXPECT_EQ(rig.record(1).pre_commit_message, unsealed(4));
  EXPECT_FALSE(rig.record(1).pre_commit_info) << "only the single path stores PreCommitInfo";
}

TEST(SubmitPreCommitBatch, BatchFailuresGoToPreCommitFailed) {
  const std::vector<Result<PreCommitBatchResult>> answers = {
      Result<PreCommitBatchResult>::fail("head"),
      Result<PreCommitBatchResult>::ok(PreCommitBatchResult{{1}, unsealed(4), "send failed"}),
      Result<PreCommitBatchResult>::ok(PreCommitBatchResult{{1}, std::nullopt, ""}),
  };
  for (const auto& answer : answers) {
    Rig rig;
    rig.force(1, SectorState::SubmitPreCommitBatch, Rig::sealed_sector());
    ASSERT_EQ(rig.batchers.pre_commits.size(), 1u);
    rig.batchers.answer(rig.batchers.pre_commits[0], answer);
    rig.clock.advance_to(kStart);
    EXPECT_EQ(rig.events_since_force(1).front(), "SectorChainPreCommitFailed");
    EXPECT_TRUE(rig.in(1, SectorState::PreCommitFailed));
  }
}

TEST(SubmitPreCommitBatch, MissingCommDOrCommRSendsSealPreCommit1Failed) {
  Rig rig;
  SectorInfo base = Rig::sealed_sector();
  base.comm_r.reset();
  rig.force(1, SectorState::SubmitPreCommitBatch, base);
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorSealPreCommit1Failed"}));
  EXPECT_TRUE(rig.batchers.pre_commits.empty());
  EXPECT_TRUE(rig.trace.findings.empty());
}

TEST(SubmitPreCommitBatch, ParamsFailuresAlsoSendChainPreCommitFailedQ2) {
  // §8.9 step 2 / §9.4 column "preCommitParams (SubmitPreCommitBatch)". Every plan call logs
  // all the events it is given (spec §1.6), so the second event of a double send appears in the
  // log of the call that consumed only the first; the halting call logs nothing but its finding.
  const std::string kFailed = "SectorChainPreCommitFailed";
  struct Expect {
    Events events;
    SectorState state;
    bool halted;
  };
  const std::map<std::string, Expect> expected = {
      {"ErrApi", {{"SectorChainPreCommitFailed"}, SectorState::PreCommitFailed, false}},
      {"ErrInvalidPiece", {{"SectorChainPreCommitFailed"}, SectorState::PreCommitFailed, false}},
      {"ErrBadCommD", {{"SectorSealPreCommit1Failed", kFailed}, SectorState::SealPreCommit1Failed, true}},
      {"ErrExpiredTicket", {{"SectorSealPreCommit1Failed", kFailed}, SectorState::SealPreCommit1Failed, true}},
      {"ErrBadTicket", {{"SectorSealPreCommit1Failed", kFailed}, SectorState::SealPreCommit1Failed, true}},
      {"ErrInvalidDeals", {{"SectorInvalidDealIDs", kFailed}, SectorState::RecoverDealIDs, true}},
      {"ErrExpiredDeals", {{"SectorDealsExpired", kFailed}, SectorState::DealsExpired, true}},
      // Lands in WaitSeed; the stale failure (logged by both plan calls) moves it to
      // PreCommitFailed once WaitSeed's handler returns, whose own check finds the precommit (and
      // no message) and lands it again.
      {"ErrPrecommitOnChain", {{"SectorPreCommitLanded", kFailed, kFailed, "SectorPreCommitLanded"},
                               SectorState::WaitSeed, false}},
      {"ErrSectorNumberAllocated", {{"SectorChainPreCommitFailed"}, SectorState::PreCommitFailed, false}},
  };
  for (const MatrixRow& row : check_rows()) {
    SCOPED_TRACE(row.name);
    const Expect& e = expected.at(row.name);
    Rig rig;
    SectorInfo base = Rig::sealed_sector();
    row.setup(rig, base);
    rig.force(1, SectorState::SubmitPreCommitBatch, base);
    rig.clock.advance_to(kStart + 60);  // SealPreCommit1Failed's cooldown returns, then the halt
    EXPECT_EQ(rig.group.halted(1), e.halted);
    EXPECT_TRUE(rig.in(1, e.state)) << rig.record(1).state_name();
    EXPECT_EQ(rig.events_since_force(1), e.events);
    EXPECT_TRUE(rig.batchers.pre_commits.empty());
    if (e.halted) {
      ASSERT_FALSE(rig.trace.findings.empty());
      EXPECT_EQ(rig.trace.findings.back().event, "SectorChainPreCommitFailed");
    }
  }
}

TEST(SubmitPreCommitBatch, AnErrorWithoutTextFormatsLikeGoQ2) {
  Rig rig;
  rig.chain.allocated.insert(1);  // ErrSectorNumberAllocated: preCommitParams returns no error
  rig.force(1, SectorState::SubmitPreCommitBatch, Rig::sealed_sector());
  ASSERT_FALSE(rig.record(1).log.empty());
  EXPECT_EQ(rig.record(1).log.back().trace, "preCommitParams: %!w(<nil>)");
}

// ---------------------------------------------------------------------------------------------
// PreCommitWait / PreCommitBatchWait (spec §8.10)

SectorInfo with_message(SectorInfo info) {
  info.pre_commit_message = unsealed(4);
  return info;
}

TEST(PreCommitWait, WithoutMessageFails) {
  Rig rig;
  rig.force(1, SectorState::PreCommitWait, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorChainPreCommitFailed");
}

TEST(PreCommitWait, ExitCodesDecideTheNextState) {
  struct Case {
    std::int64_t exit_code;
    std::string event;
    SectorState wait_state;
  };
  const std::vector<Case> cases = {
      {0, "SectorPreCommitLanded", SectorState::PreCommitWait},
      {0, "SectorPreCommitLanded", SectorState::PreCommitBatchWait},
      {6, "SectorRetryPreCommit", SectorState::PreCommitWait},
      {7, "SectorRetryPreCommit", SectorState::PreCommitBatchWait},
      {16, "SectorChainPreCommitFailed", SectorState::PreCommitWait},
      {1, "SectorChainPreCommitFailed", SectorState::PreCommitBatchWait},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.exit_code) + " " + std::string(state_name(c.wait_state)));
    Rig rig;
    if (c.exit_code == 0) {
      // A consistent chain: the landed precommit is there for WaitSeed.
      rig.precommit_on_chain(1, kHead, kHead - 900);
    }
    rig.force(1, c.wait_state, with_message(Rig::sealed_sector()));
    EXPECT_TRUE(rig.group.busy(1)) << "waits for the message";
    EXPECT_EQ(rig.chain.waiters(unsealed(4)), 1u);
    rig.chain.head.token = Bytes{0xbb};
    rig.chain.land(unsealed(4), MessageReceipt{c.exit_code, {}, 0});
    rig.clock.advance_to(kStart);
    const Events events = rig.events_since_force(1);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front(), c.event);
    if (c.exit_code == 0) {
      EXPECT_EQ(rig.record(1).pre_commit_tipset, (Bytes{0xbb}));
    }
  }
}

TEST(PreCommitWait, WaitErrorFails) {
  Rig rig;
  rig.force(1, SectorState::PreCommitWait, with_message(Rig::sealed_sector()));
  rig.chain.fail_wait(unsealed(4), "lookback exceeded");
  rig.clock.advance_to(kStart);
  // PreCommitFailed does not find the message either and waits for it again.
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorChainPreCommitFailed", "SectorRetryPreCommitWait"}));
  EXPECT_TRUE(rig.in(1, SectorState::PreCommitWait));
  EXPECT_EQ(rig.chain.waiters(unsealed(4)), 1u);
}

// ---------------------------------------------------------------------------------------------
// WaitSeed (spec §8.11)

TEST(WaitSeed, SeedIsDrawnAtPrecommitEpochPlusChallengeDelayAfterConfidence) {
  Rig rig;
  rig.precommit_on_chain(1, kHead, kHead - 900);
  rig.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  EXPECT_FALSE(rig.group.busy(1)) << "WaitSeed returns right after registering";
  rig.events.set_height(kHead + 155);
  rig.clock.advance_to(kStart);
  EXPECT_TRUE(rig.in(1, SectorState::WaitSeed)) << "confidence 6 not reached";
  rig.events.set_height(kHead + 156);
  rig.clock.advance_to(kStart);
  const SectorInfo info = rig.record(1);
  EXPECT_TRUE(info.in_state(SectorState::Committing));
  EXPECT_EQ(info.seed_epoch, kHead + 150);
  EXPECT_EQ(info.seed_value, rig.chain.beacon_randomness);
  EXPECT_EQ(rig.chain.randomness_epochs, (std::vector<ChainEpoch>{kHead + 150}));
}

TEST(WaitSeed, DevnetChallengeDelayIsTen) {
  Rig rig(SealingConfig{}, NetworkConstants::devnet_2k());
  rig.precommit_on_chain(1, kHead, kHead - 900);
  rig.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  rig.events.set_height(kHead + 16);
  rig.clock.advance_to(kStart);
  EXPECT_EQ(rig.record(1).seed_epoch, kHead + 10);
}

TEST(WaitSeed, ReorgAndReapplySendsASecondSeedQ6) {
  Rig rig;
  // Committing's work (C1, C2 on the sealer) would keep the sector busy and the second seed queued;
  // it returns at once here, so the seed is planned in Committing (planCommitting, spec §5).
  rig.runner.stall = {SectorHandler::Committing};
  rig.precommit_on_chain(1, kHead, kHead - 900);
  rig.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  rig.events.set_height(kHead + 160);
  rig.clock.advance_to(kStart);
  EXPECT_TRUE(rig.in(1, SectorState::Committing));
  rig.events.set_height(kHead + 149);  // reorg below the seed height: revert (logged only)
  rig.clock.advance_to(kStart);
  EXPECT_TRUE(rig.in(1, SectorState::Committing));
  rig.chain.beacon_randomness = Bytes(32, 0x33);
  rig.events.set_height(kHead + 156);
  rig.clock.advance_to(kStart);
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorSeedReady", "SectorSeedReady"}));
  EXPECT_EQ(rig.record(1).seed_value, Bytes(32, 0x33)) << "Committing restarts with the new seed";
  EXPECT_TRUE(rig.in(1, SectorState::Committing));
}

TEST(WaitSeed, AfterARestartOnlyTheLiveMachineReceivesTheSeed) {
  Rig rig;
  rig.precommit_on_chain(1, kHead, kHead - 900);
  SectorInfo base = Rig::sealed_sector();
  base.sector_number = 1;
  base.sector_type = RegisteredSealProof::StackedDrg2KiBV1_1;
  rig.store.save(1, base);
  auto group = std::make_unique<SectorStateGroup>(rig.store, rig.clock, rig.runner, &rig.trace);
  group->send(1, SectorForceState{"WaitSeed"});
  ASSERT_EQ(rig.events.watches(), 1u);
  group.reset();  // the process stops; the chain and its registration stay
  group = std::make_unique<SectorStateGroup>(rig.store, rig.clock, rig.runner, &rig.trace);
  group->restart_all();  // WaitSeed's handler runs again and registers again
  ASSERT_EQ(rig.events.watches(), 2u);
  rig.events.set_height(kHead + 156);
  rig.clock.advance_to(kStart);
  EXPECT_TRUE(rig.in(1, SectorState::Committing));
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorSeedReady"})) << "the old registration's send is dropped";
}

TEST(WaitSeed, MissingPrecommitFails) {
  Rig rig;
  rig.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorChainPreCommitFailed");
  EXPECT_EQ(rig.events.watches(), 0u);
}

TEST(WaitSeed, LookupAndRegistrationErrorsStall) {
  Rig rig;
  rig.precommit_on_chain(1, kHead, kHead - 900);
  rig.chain.fail_next("chain_head", "down");
  rig.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  EXPECT_EQ(rig.events.watches(), 0u);
  rig.chain.fail_next("state_sector_pre_commit_info", "rpc");
  rig.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  EXPECT_EQ(rig.events.watches(), 0u);
  rig.events.fail_next_chain_at = "events down";
  rig.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  EXPECT_EQ(rig.events.watches(), 0u);
  rig.events.set_height(kHead + 1000);
  rig.clock.advance_to(kStart + 1000);
  EXPECT_TRUE(rig.in(1, SectorState::WaitSeed));
  EXPECT_FALSE(rig.group.busy(1));
  EXPECT_TRUE(rig.events_since_force(1).empty());
}

TEST(WaitSeed, BeaconErrorFailsAndHeadErrorLeavesTheSectorWaiting) {
  Rig rig;
  rig.precommit_on_chain(1, kHead, kHead - 900);
  rig.precommit_on_chain(2, kHead, kHead - 900);
  rig.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  rig.force(2, SectorState::WaitSeed, Rig::sealed_sector());
  rig.chain.fail_next("chain_get_randomness_from_beacon", "drand down");
  rig.events.set_height(kHead + 156);
  rig.clock.advance_to(kStart);  // sector 1's callback gets the beacon error
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorChainPreCommitFailed");
  EXPECT_TRUE(rig.in(2, SectorState::Committing));

  Rig other;
  other.precommit_on_chain(1, kHead, kHead - 900);
  other.force(1, SectorState::WaitSeed, Rig::sealed_sector());
  other.chain.fail_next("chain_head", "down");
  other.events.set_height(kHead + 156);
  other.clock.advance_to(kStart);
  EXPECT_TRUE(other.in(1, SectorState::WaitSeed));
  EXPECT_TRUE(other.events_since_force(1).empty());
}

// ---------------------------------------------------------------------------------------------
// PreCommitFailed (spec §8.18)

TEST(PreCommitFailed, HeadErrorStalls) {
  Rig rig;
  rig.chain.fail_next("chain_head", "down");
  rig.force(1, SectorState::PreCommitFailed, Rig::sealed_sector());
  EXPECT_TRUE(rig.events_since_force(1).empty());
  EXPECT_FALSE(rig.group.busy(1));
}

TEST(PreCommitFailed, MessageSearchOutcomes) {
  {  // search error: cooldown, then RetryPreCommitWait
    Rig rig;
    rig.chain.fail_next("state_search_msg", "rpc");
    rig.force(1, SectorState::PreCommitFailed, with_message(Rig::sealed_sector()));
    EXPECT_TRUE(rig.group.busy(1));
    rig.clock.advance_to(kStart + 59);
    EXPECT_TRUE(rig.in(1, SectorState::PreCommitFailed));
    rig.clock.advance_to(kStart + 60);
    EXPECT_EQ(rig.events_since_force(1).front(), "SectorRetryPreCommitWait");
    EXPECT_TRUE(rig.in(1, SectorState::PreCommitWait));
  }
  {  // not found: no cooldown
    Rig rig;
    rig.force(1, SectorState::PreCommitFailed, with_message(Rig::sealed_sector()));
    EXPECT_EQ(rig.events_since_force(1).front(), "SectorRetryPreCommitWait");
  }
  {  // exit 0
    Rig rig;
    rig.chain.land(unsealed(4), MessageReceipt{0, {}, 0});
    rig.force(1, SectorState::PreCommitFailed, with_message(Rig::sealed_sector()));
    EXPECT_EQ(rig.events_since_force(1).front(), "SectorRetryPreCommitWait");
  }
  {  // exit 7: out of gas
    Rig rig;
    rig.chain.land(unsealed(4), MessageReceipt{7, {}, 0});
    rig.force(1, SectorState::PreCommitFailed, with_message(Rig::sealed_sector()));
    EXPECT_EQ(rig.events_since_force(1).front(), "SectorRetryPreCommit");
  }
  {  // exit 6: falls through to the checks; nothing on chain → cooldown, RetryPreCommit
    Rig rig(no_batching());
    rig.chain.land(unsealed(4), MessageReceipt{6, {}, 0});
    rig.force(1, SectorState::PreCommitFailed, with_message(Rig::sealed_sector()));
    EXPECT_TRUE(rig.events_since_force(1).empty());
    rig.clock.advance_to(kStart + 60);
    EXPECT_EQ(rig.events_since_force(1).front(), "SectorRetryPreCommit");
  }
}

TEST(PreCommitFailed, HandlingMatrixOfCheckPrecommit) {
  // §9.4 column "PreCommitFailed". Undefined = STALL.
  const std::map<std::string, std::pair<Events, SectorState>> expected = {
      {"ErrApi", {{}, SectorState::Undefined}},
      {"ErrInvalidPiece", {{}, SectorState::Undefined}},
      {"ErrBadCommD", {{"SectorSealPreCommit1Failed"}, SectorState::SealPreCommit1Failed}},
      {"ErrExpiredTicket", {{"SectorSealPreCommit1Failed"}, SectorState::SealPreCommit1Failed}},
      {"ErrBadTicket", {{"SectorSealPreCommit1Failed"}, SectorState::SealPreCommit1Failed}},
      {"ErrInvalidDeals", {{"SectorInvalidDealIDs"}, SectorState::RecoverDealIDs}},
      {"ErrExpiredDeals", {{"SectorDealsExpired"}, SectorState::DealsExpired}},
      // No message: the precommit found on chain is ours, it landed.
      {"ErrPrecommitOnChain", {{"SectorPreCommitLanded"}, SectorState::WaitSeed}},
      {"ErrSectorNumberAllocated", {{}, SectorState::Undefined}},
  };
  for (const MatrixRow& row : check_rows()) {
    SCOPED_TRACE(row.name);
    const auto& [events, state] = expected.at(row.name);
    Rig rig;
    rig.runner.park = kMatrixTargets;
    SectorInfo base = Rig::sealed_sector();
    row.setup(rig, base);
    rig.force(1, SectorState::PreCommitFailed, base);
    rig.clock.advance_to(kStart + 30);  // within the cooldown: no retry yet
    EXPECT_EQ(rig.events_since_force(1), events);
    const SectorState reached = state == SectorState::Undefined ? SectorState::PreCommitFailed : state;
    EXPECT_TRUE(rig.in(1, reached)) << rig.record(1).state_name();
    if (state == SectorState::Undefined) {
      EXPECT_FALSE(rig.group.busy(1)) << "STALL, no cooldown pending";
    }
    if (reached == SectorState::RecoverDealIDs) {
      EXPECT_EQ(rig.record(1).return_state, "PreCommitFailed");
    }
  }
}

TEST(PreCommitFailed, OwnPrecommitOnChainGoesBackToWaitSeedAfterTheCooldown) {
  Rig rig;
  SectorInfo base = with_message(Rig::sealed_sector());
  rig.chain.land(unsealed(4), MessageReceipt{16, {}, 0});  // reported failed, yet on chain
  rig.precommit_on_chain(1, kHead - 5, base.ticket_epoch);
  rig.force(1, SectorState::PreCommitFailed, base);
  EXPECT_TRUE(rig.group.busy(1));
  rig.clock.advance_to(kStart + 60);
  EXPECT_EQ(rig.events_since_force(1).front(), "SectorRetryWaitSeed");
  EXPECT_TRUE(rig.in(1, SectorState::WaitSeed));
}

TEST(PreCommitFailed, ForeignSealedCidOnChainStalls) {
  Rig rig;
  SectorInfo base = with_message(Rig::sealed_sector());
  rig.chain.land(unsealed(4), MessageReceipt{16, {}, 0});
  rig.precommit_on_chain(1, kHead - 5, base.ticket_epoch, sealed(3));
  rig.force(1, SectorState::PreCommitFailed, base);
  rig.clock.advance_to(kStart + 600);
  EXPECT_TRUE(rig.events_since_force(1).empty());
  EXPECT_TRUE(rig.in(1, SectorState::PreCommitFailed));
  EXPECT_FALSE(rig.group.busy(1));
}

TEST(PreCommitFailed, AbsentCommROnAnOnChainPrecommitIsANodeCrashFinding) {
  Rig rig;
  SectorInfo base = with_message(Rig::sealed_sector());
  base.comm_r.reset();
  rig.chain.land(unsealed(4), MessageReceipt{16, {}, 0});
  rig.precommit_on_chain(1, kHead - 5, base.ticket_epoch);
  rig.force(1, SectorState::PreCommitFailed, base);
  ASSERT_EQ(rig.trace.findings.size(), 1u);
  EXPECT_EQ(rig.trace.findings[0].kind, FindingKind::NodeCrash);
  EXPECT_TRUE(rig.in(1, SectorState::PreCommitFailed));
  EXPECT_FALSE(rig.group.halted(1)) << "sealsim keeps running";
}

TEST(PreCommitFailed, NothingOnChainRetriesThePrecommitAfterTheCooldown) {
  Rig rig;
  rig.force(1, SectorState::PreCommitFailed, Rig::sealed_sector());
  rig.clock.advance_to(kStart + 59);
  EXPECT_TRUE(rig.in(1, SectorState::PreCommitFailed));
  rig.clock.advance_to(kStart + 60);
  EXPECT_EQ(rig.events_since_force(1), (Events{"SectorRetryPreCommit", "SectorPreCommitBatch"}));
  EXPECT_TRUE(rig.in(1, SectorState::SubmitPreCommitBatch));
}

// ---------------------------------------------------------------------------------------------
// End to end: a committed-capacity sector from Packing to Committing.

void drive_to_committing(bool batch) {
  Rig rig;
  if (!batch) {
    rig.chain.network_version = 12;
  }
  Node32 d{};
  d[0] = 1;  // the fake sector manager's CommD for sector 1
  rig.chain.data_commitment = commitment_to_cid(CommitmentKind::Unsealed, d);
  rig.group.send(1, SectorStartCC{1, RegisteredSealProof::StackedDrg2KiBV1_1});
  rig.clock.advance_to(kStart + 30);  // AddPiece, PC1, PC2: 10 s each
  Cid message;
  if (batch) {
    EXPECT_TRUE(rig.in(1, SectorState::SubmitPreCommitBatch));
    ASSERT_EQ(rig.batchers.pre_commits.size(), 1u);
    const SectorPreCommitInfo params = rig.batchers.pre_commits[0].added.params;
    EXPECT_EQ(params.seal_rand_epoch, kHead - 900);
    message = unsealed(0x42);
    rig.batchers.answer(rig.batchers.pre_commits[0],
                        Result<PreCommitBatchResult>::ok(PreCommitBatchResult{{1}, message, ""}));
    rig.clock.advance_to(kStart + 31);
    EXPECT_TRUE(rig.in(1, SectorState::PreCommitBatchWait));
  } else {
    EXPECT_TRUE(rig.in(1, SectorState::PreCommitWait));
    ASSERT_EQ(rig.chain.sent.size(), 1u);
    message = rig.chain.sent[0].cid;
  }
  rig.precommit_on_chain(1, kHead + 1, kHead - 900, *rig.record(1).comm_r);
  rig.chain.land(message, MessageReceipt{0, {}, 0}, kHead + 1);
  rig.clock.advance_to(kStart + 32);
  EXPECT_TRUE(rig.in(1, SectorState::WaitSeed));
  rig.events.set_height(kHead + 1 + 150 + 6);
  rig.clock.advance_to(kStart + 33);
  const SectorInfo info = rig.record(1);
  EXPECT_TRUE(info.in_state(SectorState::Committing)) << info.state_name();
  EXPECT_EQ(info.seed_epoch, kHead + 151);
  const std::vector<SectorHandler> expected_batch = {
      SectorHandler::Packing,       SectorHandler::GetTicket,     SectorHandler::PreCommit1,
      SectorHandler::PreCommit2,    SectorHandler::PreCommitting, SectorHandler::SubmitPreCommitBatch,
      SectorHandler::PreCommitWait, SectorHandler::WaitSeed,      SectorHandler::Committing};
  std::vector<SectorHandler> expected = expected_batch;
  if (!batch) {
    expected.erase(expected.begin() + 5);
  }
  EXPECT_EQ(rig.runner.started, expected);
  EXPECT_FALSE(rig.group.halted(1));
}

TEST(PreCommitEndToEnd, BatchedPathFromPackingToCommitting) { drive_to_committing(true); }
TEST(PreCommitEndToEnd, SingleMessagePathFromPackingToCommitting) { drive_to_committing(false); }

}  // namespace
}  // namespace sealsim::sealing
