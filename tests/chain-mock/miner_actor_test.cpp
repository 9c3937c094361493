// miner_actor_test.cpp: every miner actor method with its success path and each rejection's exit
// code; seed epoch, prove-commit window and precommit expiry arithmetic from the spec constants.
#include "tests/chain-mock/chain_fixture.hpp"

#include "chain-mock/deadlines.hpp"
#include "chain-mock/miner_actor.hpp"

namespace sealsim::chain::testing {
namespace {

using MinerActor = ChainFixture;

TEST_F(MinerActor, PreCommitLocksTheDepositAndAllocatesTheNumber) {
  TokenAmount miner_before = chain.wallet_balance(miner);
  SectorPreCommitInfo sent = precommit_info(1);
  ASSERT_EQ(send_and_land(worker, miner, method::kPreCommitSector, sent, deposit()).exit_code, ExitCode::Ok);
  auto pc = chain.state_sector_precommit_info(miner, 1);
  ASSERT_TRUE(pc);
  ChainEpoch epoch = pc->precommit_epoch;
  EXPECT_EQ(pc->precommit_deposit, deposit());
  EXPECT_EQ(pc->info, sent);
  EXPECT_EQ(chain.wallet_balance(miner), miner_before + deposit());
  EXPECT_EQ(chain.head_state().find_miner(miner.id)->precommit_deposits, deposit());
  EXPECT_TRUE(chain.state_miner_sector_allocated(miner, 1));
  EXPECT_FALSE(chain.state_miner_sector_allocated(miner, 2));
  EXPECT_FALSE(chain.state_sector_precommit_info(miner, 2));  // absent, unallocated: nothing, no error
  EXPECT_EQ(chain.state_miner_precommit_deposit_for_power(miner, pc->info), deposit());
  EXPECT_EQ(chain.state_miner_initial_pledge_collateral(miner, pc->info), pledge());
  EXPECT_EQ(epoch, chain.state_search_msg(chain.messages().back().cid)->height);
}

TEST_F(MinerActor, PreCommitRejections) {
  precommit(1);
  auto expect = [&](SectorPreCommitInfo info, ExitCode code, Address from) {
    expect_code(send_and_land(from, miner, method::kPreCommitSector, info, deposit()), code);
  };
  expect(precommit_info(2), ExitCode::ErrForbidden, client);  // not worker/control
  expect(precommit_info(1), ExitCode::ErrIllegalArgument, worker);  // already allocated
  SectorPreCommitInfo wrong_proof = precommit_info(3);
  wrong_proof.seal_proof = RegisteredSealProof::StackedDrg8MiBV1_1;
  expect(wrong_proof, ExitCode::ErrIllegalArgument, worker);
  SectorPreCommitInfo future_ticket = precommit_info(3);
  future_ticket.seal_rand_epoch = head() + 1;
  expect(future_ticket, ExitCode::ErrIllegalArgument, worker);
  SectorPreCommitInfo short_life = precommit_info(3);
  short_life.expiration = head() + chain.config().min_sector_expiration;
  expect(short_life, ExitCode::ErrIllegalArgument, worker);
  SectorPreCommitInfo too_long = precommit_info(3);
  too_long.expiration = head() + chain.config().max_sector_expiration_extension + 10;
  expect(too_long, ExitCode::ErrIllegalArgument, worker);
  SectorPreCommitInfo past = precommit_info(3);
  past.expiration = past.seal_rand_epoch;
  expect(past, ExitCode::ErrIllegalArgument, worker);
  SectorPreCommitInfo bad_deal = precommit_info(3, {12345});
  expect(bad_deal, ExitCode::ErrNotFound, worker);
  SectorPreCommitInfo too_many_deals = precommit_info(3);
  too_many_deals.deal_ids.assign(257, 0);
  expect(too_many_deals, ExitCode::ErrIllegalArgument, worker);
  // Insufficient funds: no value and nothing available.
  chain.set_balance(miner, chain.head_state().find_miner(miner.id)->precommit_deposits);
  expect_code(send_and_land(worker, miner, method::kPreCommitSector, precommit_info(3), TokenAmount()), ExitCode::ErrInsufficientFunds);
  // None of the failures allocated anything.
  EXPECT_FALSE(chain.state_miner_sector_allocated(miner, 3));
}

TEST_F(MinerActor, TicketAgeLimitIsMaxPreCommitRandomnessLookback) {
  chain.advance_to(5000);
  SectorPreCommitInfo oldest = precommit_info(1);
  ChainEpoch send_epoch = head() + chain.config().inclusion_delay;  // executes here
  oldest.seal_rand_epoch = send_epoch - 3780;
  oldest.expiration = send_epoch + chain.config().max_prove_commit_duration(oldest.seal_proof) + chain.config().min_sector_expiration + 10;
  expect_code(send_and_land(worker, miner, method::kPreCommitSector, oldest, deposit()), ExitCode::Ok);
  SectorPreCommitInfo too_old = precommit_info(2);
  send_epoch = head() + chain.config().inclusion_delay;
  too_old.seal_rand_epoch = send_epoch - 3781;
  too_old.expiration = oldest.expiration + 10;
  expect_code(send_and_land(worker, miner, method::kPreCommitSector, too_old, deposit()), ExitCode::ErrIllegalArgument);
}

TEST_F(MinerActor, PreCommitBatch) {
  PreCommitSectorBatchParams batch{{precommit_info(1), precommit_info(2), precommit_info(3)}};
  expect_code(send_and_land(worker, miner, method::kPreCommitSectorBatch, batch, deposit() * 3), ExitCode::Ok);
  for (SectorNumber n : {SectorNumber{1}, SectorNumber{2}, SectorNumber{3}}) EXPECT_TRUE(chain.state_sector_precommit_info(miner, n));
  expect_code(send_and_land(worker, miner, method::kPreCommitSectorBatch, PreCommitSectorBatchParams{}, TokenAmount()),
              ExitCode::ErrIllegalArgument);
  PreCommitSectorBatchParams duplicate{{precommit_info(4), precommit_info(4)}};
  expect_code(send_and_land(worker, miner, method::kPreCommitSectorBatch, duplicate, deposit() * 2), ExitCode::ErrIllegalArgument);
  PreCommitSectorBatchParams too_big;
  for (SectorNumber n = 10; n < 10 + 257; ++n) too_big.sectors.push_back(precommit_info(n));
  expect_code(send_and_land(worker, miner, method::kPreCommitSectorBatch, too_big, TokenAmount()), ExitCode::ErrIllegalArgument);
  // One bad entry fails the whole batch.
  PreCommitSectorBatchParams one_bad{{precommit_info(5), precommit_info(1)}};
  expect_code(send_and_land(worker, miner, method::kPreCommitSectorBatch, one_bad, deposit() * 2), ExitCode::ErrIllegalArgument);
  EXPECT_FALSE(chain.state_miner_sector_allocated(miner, 5));
}

TEST_F(MinerActor, ProveCommitActivatesTheSectorInCron) {
  ChainEpoch pc_epoch = precommit(1);
  // Seed epoch = precommit epoch + PreCommitChallengeDelay (150).
  chain.advance_to(pc_epoch + 150 + 1);
  TokenAmount collateral = pledge() - deposit();
  MessageCid cid = send(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{1, proof_for(1)}, collateral);
  MessageReceipt r = land(cid);
  EXPECT_EQ(r.exit_code, ExitCode::Ok) << r.error;
  auto sector = chain.state_sector_get_info(miner, 1);
  ASSERT_TRUE(sector);
  EXPECT_EQ(sector->activation, chain.state_search_msg(cid)->height);
  EXPECT_EQ(sector->initial_pledge, pledge());
  // After prove-commit the precommit is gone but the number stays allocated: ErrSectorAllocated.
  try {
    chain.state_sector_precommit_info(miner, 1);
    ADD_FAILURE() << "expected ErrSectorAllocated";
  } catch (const ChainError& e) {
    EXPECT_EQ(e.kind(), ChainErrorKind::SectorAllocated);
  }
  const MinerState& m = *chain.head_state().find_miner(miner.id);
  EXPECT_TRUE(m.precommit_deposits.is_zero());
  EXPECT_EQ(m.initial_pledge, pledge());
  auto loc = chain.state_sector_partition(miner, 1);
  ASSERT_TRUE(loc);
  EXPECT_TRUE(deadline_is_mutable(chain.config(), m.proving_period_offset, sector->activation, loc->deadline));
  EXPECT_EQ(chain.state_miner_partitions(miner, loc->deadline)[loc->partition].sectors.count(1), 1u);
}

TEST_F(MinerActor, ProveCommitWindow) {
  ChainEpoch pc_epoch = precommit(1);
  // At the seed epoch itself (≤ precommit + 150) it is too early: ErrForbidden.
  chain.advance_to(pc_epoch + 150 - chain.config().inclusion_delay);
  expect_code(send_and_land(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{1, Bytes(192)}), ExitCode::ErrForbidden);
  expect_code(send_and_land(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{9, Bytes(192)}), ExitCode::ErrNotFound);
  expect_code(send_and_land(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{1, Bytes(20000)}), ExitCode::ErrIllegalArgument);
}

// V1 proofs have MaxProveCommitDuration 2880 + 150 = 3030: the expiry runs in a fast test (the
// 86,550-epoch V1_1 case is in miner_actor_slow_test.cpp).
TEST_F(MinerActor, V1PrecommitExpiresAfterMaxProveCommitDurationAndBurnsTheDeposit) {
  Address v1 = chain.create_miner(MinerSetup{owner, worker, {}, RegisteredSealProof::StackedDrg2KiBV1, TokenAmount::from_fil(1)});
  SectorPreCommitInfo info = precommit_info(1);
  info.seal_proof = RegisteredSealProof::StackedDrg2KiBV1;
  info.expiration = info.seal_rand_epoch + 3780 + 3030 + chain.config().min_sector_expiration;
  TokenAmount d = precommit_deposit_for(chain.config(), info.seal_proof);
  expect_code(send_and_land(worker, v1, method::kPreCommitSector, info, d), ExitCode::Ok);
  ChainEpoch pc_epoch = chain.state_sector_precommit_info(v1, 1)->precommit_epoch;
  ChainEpoch expiry = chain.config().precommit_expiry_epoch(pc_epoch, info.seal_proof);
  EXPECT_EQ(expiry, pc_epoch + 3030 + 1);
  chain.advance_to(expiry - 1);
  EXPECT_TRUE(chain.state_sector_precommit_info(v1, 1));
  TokenAmount burnt = chain.wallet_balance(kBurntFundsActor);
  chain.advance(1);
  EXPECT_THROW(chain.state_sector_precommit_info(v1, 1), ChainError);  // allocated, precommit gone
  EXPECT_TRUE(chain.state_miner_sector_allocated(v1, 1));
  EXPECT_TRUE(chain.head_state().find_miner(v1.id)->precommit_deposits.is_zero());
  EXPECT_EQ(chain.wallet_balance(kBurntFundsActor) - burnt, d);  // only the deposit burns in this epoch
}

TEST_F(MinerActor, InvalidOrStaleProofIsRejectedByCron) {
  precommit(1);
  precommit(2);
  ChainEpoch pc_epoch = chain.state_sector_precommit_info(miner, 2)->precommit_epoch;
  chain.advance_to(pc_epoch + 151);
  Bytes wrong = proof_for(1);
  wrong[0] ^= 1;
  expect_code(send_and_land(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{1, wrong}), ExitCode::Ok);
  EXPECT_FALSE(chain.state_sector_get_info(miner, 1));  // "sector not found in sector set after cron"
  EXPECT_TRUE(chain.state_sector_precommit_info(miner, 1));
  // A proof for sector 2 computed before a reorg over its seed epoch is stale afterwards.
  Bytes before_reorg = proof_for(2);
  chain.reorg(ReorgOptions{200, std::nullopt, {}, true});
  ASSERT_TRUE(chain.state_sector_precommit_info(miner, 2));  // the precommit was re-included
  chain.advance_to(chain.state_sector_precommit_info(miner, 2)->precommit_epoch + 151);
  EXPECT_NE(proof_for(2), before_reorg);
  expect_code(send_and_land(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{2, before_reorg}, pledge()), ExitCode::Ok);
  EXPECT_FALSE(chain.state_sector_get_info(miner, 2));
  EXPECT_GE(chain.log().count("prove_commit_rejected"), 2u);
  // The fresh proof works.
  expect_code(prove(2), ExitCode::Ok);
  EXPECT_TRUE(chain.state_sector_get_info(miner, 2));
}

TEST_F(MinerActor, PledgeNotCoveredLeavesTheSectorUnproven) {
  precommit(1);
  chain.set_balance(miner, chain.head_state().find_miner(miner.id)->precommit_deposits);
  chain.advance_to(chain.config().seed_epoch(chain.state_sector_precommit_info(miner, 1)->precommit_epoch) + 1);
  // No value sent: pledge − deposit is missing, so the cron leaves the sector unproven.
  expect_code(send_and_land(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{1, proof_for(1)}), ExitCode::Ok);
  EXPECT_FALSE(chain.state_sector_get_info(miner, 1));
}

TEST_F(MinerActor, ProveCommitAggregate) {
  std::vector<SectorNumber> numbers{1, 2, 3, 4};
  PreCommitSectorBatchParams batch;
  for (SectorNumber n : numbers) batch.sectors.push_back(precommit_info(n));
  expect_code(send_and_land(worker, miner, method::kPreCommitSectorBatch, batch, deposit() * 4), ExitCode::Ok);
  ChainEpoch pc_epoch = chain.state_sector_precommit_info(miner, 1)->precommit_epoch;
  chain.advance_to(pc_epoch + 151);
  AggregateSealVerifyInfo agg;
  agg.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  for (SectorNumber n : numbers) agg.infos.push_back(seal_info(n));
  Bytes proof = verifier.make_aggregate_proof(agg);
  EXPECT_EQ(proof.size(), 11220u);
  TokenAmount fee = miner::aggregate_network_fee(4, chain.config().base_fee);
  EXPECT_EQ(fee, TokenAmount::from_nano(2) * 65733297 * 4 / 20);
  // Rejections first.
  expect_code(send_and_land(worker, miner, method::kProveCommitAggregate, ProveCommitAggregateParams{{1, 2, 3}, proof}),
              ExitCode::ErrIllegalArgument);  // fewer than MinAggregatedSectors
  expect_code(send_and_land(worker, miner, method::kProveCommitAggregate, ProveCommitAggregateParams{{1, 2, 3, 9}, proof}),
              ExitCode::ErrNotFound);
  Bytes bad = proof;
  bad[5] ^= 0xff;
  expect_code(send_and_land(worker, miner, method::kProveCommitAggregate, ProveCommitAggregateParams{numbers, bad}, pledge() * 4 + fee),
              ExitCode::ErrIllegalArgument);
  expect_code(send_and_land(client, miner, method::kProveCommitAggregate, ProveCommitAggregateParams{numbers, proof}),
              ExitCode::ErrForbidden);
  std::vector<SectorNumber> too_many;
  for (SectorNumber n = 0; n < 820; ++n) too_many.push_back(n);
  expect_code(send_and_land(worker, miner, method::kProveCommitAggregate, ProveCommitAggregateParams{too_many, proof}),
              ExitCode::ErrIllegalArgument);
  TokenAmount saved = chain.wallet_balance(miner);
  chain.set_balance(miner, chain.head_state().find_miner(miner.id)->precommit_deposits);
  expect_code(send_and_land(worker, miner, method::kProveCommitAggregate, ProveCommitAggregateParams{numbers, proof}, pledge() * 2),
              ExitCode::ErrInsufficientFunds);  // pledge not covered
  expect_code(send_and_land(worker, miner, method::kProveCommitAggregate, ProveCommitAggregateParams{numbers, proof},
                            pledge() * 4 - deposit() * 4),
              ExitCode::ErrInsufficientFunds);  // pledge covered, aggregation fee not
  chain.set_balance(miner, saved);
  TokenAmount burnt_before = chain.wallet_balance(kBurntFundsActor);
  expect_code(send_and_land(worker, miner, method::kProveCommitAggregate, ProveCommitAggregateParams{numbers, proof}), ExitCode::Ok);
  for (SectorNumber n : numbers) EXPECT_TRUE(chain.state_sector_get_info(miner, n));
  EXPECT_GE(chain.wallet_balance(kBurntFundsActor) - burnt_before, fee);
  EXPECT_EQ(chain.head_state().find_miner(miner.id)->initial_pledge, pledge() * 4);
}

TEST_F(MinerActor, TerminateSectors) {
  precommit(1);
  expect_code(prove(1), ExitCode::Ok);
  SectorLocation loc = *chain.state_sector_partition(miner, 1);
  const MinerState& m = *chain.head_state().find_miner(miner.id);
  ChainEpoch offset = m.proving_period_offset;
  // Move into an epoch where the sector's deadline is mutable.
  while (!deadline_is_mutable(chain.config(), offset, head() + 1, loc.deadline)) chain.advance(1);
  TerminateSectorsParams bad_deadline{{{48, 0, {1}}}};
  expect_code(send_and_land(worker, miner, method::kTerminateSectors, bad_deadline), ExitCode::ErrIllegalArgument);
  TerminateSectorsParams bad_partition{{{loc.deadline, loc.partition + 1, {1}}}};
  expect_code(send_and_land(worker, miner, method::kTerminateSectors, bad_partition), ExitCode::ErrNotFound);
  TerminateSectorsParams bad_sector{{{loc.deadline, loc.partition, {7}}}};
  expect_code(send_and_land(worker, miner, method::kTerminateSectors, bad_sector), ExitCode::ErrIllegalArgument);
  TerminateSectorsParams ok{{{loc.deadline, loc.partition, {1}}}};
  expect_code(send_and_land(client, miner, method::kTerminateSectors, ok), ExitCode::ErrForbidden);
  while (!deadline_is_mutable(chain.config(), offset, head() + 1, loc.deadline)) chain.advance(1);
  MessageReceipt r = expect_code(send_and_land(worker, miner, method::kTerminateSectors, ok), ExitCode::Ok);
  ASSERT_TRUE(std::holds_alternative<TerminateSectorsReturn>(r.return_value));
  EXPECT_FALSE(chain.state_sector_get_info(miner, 1));
  EXPECT_TRUE(chain.head_state().find_miner(miner.id)->initial_pledge.is_zero());
  EXPECT_EQ(chain.state_miner_partitions(miner, loc.deadline)[loc.partition].terminated.count(1), 1u);
  // Terminating again: not live any more.
  while (!deadline_is_mutable(chain.config(), offset, head() + 1, loc.deadline)) chain.advance(1);
  expect_code(send_and_land(worker, miner, method::kTerminateSectors, ok), ExitCode::ErrIllegalArgument);
}

TEST_F(MinerActor, TerminationInAnImmutableDeadlineIsRejected) {
  precommit(1);
  expect_code(prove(1), ExitCode::Ok);
  SectorLocation loc = *chain.state_sector_partition(miner, 1);
  ChainEpoch offset = chain.head_state().find_miner(miner.id)->proving_period_offset;
  while (deadline_is_mutable(chain.config(), offset, head() + 1, loc.deadline)) chain.advance(1);
  TerminateSectorsParams ok{{{loc.deadline, loc.partition, {1}}}};
  expect_code(send_and_land(worker, miner, method::kTerminateSectors, ok), ExitCode::ErrIllegalArgument);
}

TEST_F(MinerActor, MissedWindowPoStFaultsTheSectorAndDeclaredRecoveryHeals) {
  precommit(1);
  expect_code(prove(1), ExitCode::Ok);
  SectorLocation loc = *chain.state_sector_partition(miner, 1);
  ChainEpoch offset = chain.head_state().find_miner(miner.id)->proving_period_offset;
  DeadlineInfo next = next_deadline_occurrence(chain.config(), offset, head(), loc.deadline);
  chain.advance_to(next.close);
  EXPECT_EQ(chain.state_miner_partitions(miner, loc.deadline)[loc.partition].faults.count(1), 1u);
  EXPECT_EQ(chain.log().count("sector_faulty_missed_post"), 1u);
  // Declare the recovery before the next fault cutoff, then prove in the window.
  DeclareFaultsRecoveredParams recover{{{loc.deadline, loc.partition, {1}}}};
  expect_code(send_and_land(worker, miner, method::kDeclareFaultsRecovered, recover), ExitCode::Ok);
  EXPECT_EQ(chain.state_miner_partitions(miner, loc.deadline)[loc.partition].recoveries.count(1), 1u);
  DeadlineInfo window = next_deadline_occurrence(chain.config(), offset, head(), loc.deadline);
  chain.advance_to(window.open);
  WindowPoStVerifyInfo post;
  post.miner = miner.id;
  post.sectors = {1};
  post.randomness = chain.get_randomness_from_beacon({}, DomainSeparationTag::WindowedPoStChallengeSeed, window.challenge, miner.to_cbor());
  SubmitWindowedPoStParams wrong_deadline{(loc.deadline + 1) % 48, {loc.partition}, MockProofVerifier::make_window_post_proof(post)};
  expect_code(send_and_land(worker, miner, method::kSubmitWindowedPoSt, wrong_deadline), ExitCode::ErrIllegalArgument);
  SubmitWindowedPoStParams bad_proof{loc.deadline, {loc.partition}, Bytes(32)};
  expect_code(send_and_land(worker, miner, method::kSubmitWindowedPoSt, bad_proof), ExitCode::ErrIllegalArgument);
  SubmitWindowedPoStParams no_partition{loc.deadline, {loc.partition + 3}, Bytes(32)};
  expect_code(send_and_land(worker, miner, method::kSubmitWindowedPoSt, no_partition), ExitCode::ErrNotFound);
  SubmitWindowedPoStParams good{loc.deadline, {loc.partition}, MockProofVerifier::make_window_post_proof(post)};
  expect_code(send_and_land(client, miner, method::kSubmitWindowedPoSt, good), ExitCode::ErrForbidden);
  expect_code(send_and_land(worker, miner, method::kSubmitWindowedPoSt, good), ExitCode::Ok);
  EXPECT_TRUE(chain.state_miner_partitions(miner, loc.deadline)[loc.partition].faults.empty());
  chain.advance_to(window.close);
  EXPECT_TRUE(chain.state_miner_partitions(miner, loc.deadline)[loc.partition].faults.empty());
}

TEST_F(MinerActor, DeclareFaults) {
  precommit(1);
  expect_code(prove(1), ExitCode::Ok);
  SectorLocation loc = *chain.state_sector_partition(miner, 1);
  ChainEpoch offset = chain.head_state().find_miner(miner.id)->proving_period_offset;
  DeadlineInfo next = next_deadline_occurrence(chain.config(), offset, head() + 1, loc.deadline);
  if (head() + 1 >= next.fault_cutoff) {  // make sure we are before the cutoff of the next window
    chain.advance_to(next.close);
    next = next_deadline_occurrence(chain.config(), offset, head() + 1, loc.deadline);
  }
  DeclareFaultsParams faults{{{loc.deadline, loc.partition, {1}}}};
  expect_code(send_and_land(client, miner, method::kDeclareFaults, faults), ExitCode::ErrForbidden);
  expect_code(send_and_land(worker, miner, method::kDeclareFaults, DeclareFaultsParams{{{loc.deadline, loc.partition, {5}}}}),
              ExitCode::ErrIllegalArgument);
  expect_code(send_and_land(worker, miner, method::kDeclareFaults, DeclareFaultsParams{{{loc.deadline, 9, {1}}}}), ExitCode::ErrNotFound);
  expect_code(send_and_land(worker, miner, method::kDeclareFaults, faults), ExitCode::Ok);
  EXPECT_EQ(chain.state_miner_partitions(miner, loc.deadline)[loc.partition].faults.count(1), 1u);
  // After the fault cutoff of the deadline's window, declarations are late.
  chain.advance_to(next.fault_cutoff);
  expect_code(send_and_land(worker, miner, method::kDeclareFaultsRecovered, DeclareFaultsRecoveredParams{faults.faults}),
              ExitCode::ErrIllegalArgument);
}

TEST_F(MinerActor, WithdrawBalance) {
  TokenAmount owner_before = chain.wallet_balance(owner);
  expect_code(send_and_land(worker, miner, method::kWithdrawMinerBalance, WithdrawMinerBalanceParams{TokenAmount(5)}), ExitCode::ErrForbidden);
  expect_code(send_and_land(owner, miner, method::kWithdrawMinerBalance, WithdrawMinerBalanceParams{TokenAmount(-5)}),
              ExitCode::ErrIllegalArgument);
  expect_code(send_and_land(owner, miner, method::kWithdrawMinerBalance, WithdrawMinerBalanceParams{TokenAmount::from_fil(1)}),
              ExitCode::Ok);
  EXPECT_GT(chain.wallet_balance(owner), owner_before);  // 1 FIL in, far more than the gas of three messages out
  EXPECT_EQ(chain.wallet_balance(miner), TokenAmount::from_fil(9));
}

TEST_F(MinerActor, MinerInfo) {
  MinerInfo info = chain.state_miner_info(miner);
  EXPECT_EQ(info.owner, owner);
  EXPECT_EQ(info.worker, worker);
  EXPECT_EQ(info.sector_size, 2048u);
  EXPECT_EQ(info.window_post_partition_sectors, 2u);
  EXPECT_EQ(info.window_post_proof_type, 5);
  DeadlineInfo dl = chain.state_miner_proving_deadline(miner);
  EXPECT_LE(dl.open, head());
  EXPECT_GT(dl.close, head());
  EXPECT_EQ(dl.close - dl.open, 60);
  EXPECT_LT(dl.index, 48u);
}

}  // namespace
}  // namespace sealsim::chain::testing
