// pass_through_batchers.cpp: one message per sector until the real batchers are wired.
#include "scenarios/pass_through_batchers.hpp"

#include "model/model_error.hpp"

namespace sealsim::scenarios {

template <class T>
void PassThroughBatchers::answer(std::function<void(sealing::Result<T>)> done, sealing::Result<T> result) {
  clock_.schedule_at(clock_.now(), [done = std::move(done), result = std::move(result)] { done(result); });
}

void PassThroughBatchers::add_pre_commit(const sealing::SectorInfo& sector, TokenAmount deposit,
                                         const sealing::SectorPreCommitInfo& params,
                                         std::function<void(sealing::Result<sealing::PreCommitBatchResult>)> done) {
  using R = sealing::Result<sealing::PreCommitBatchResult>;
  chain::SectorPreCommitInfo on_chain;
  try {
    on_chain = to_chain_precommit(params);
  } catch (const ModelError& e) {
    answer(std::move(done), R::fail(e.what()));
    return;
  }
  const auto cid = chain_.push_typed(chain::method::kPreCommitSector, on_chain, deposit, fees_.max_pre_commit_gas_fee);
  sealing::PreCommitBatchResult result;
  result.sectors = {sector.sector_number};
  if (cid) {
    result.message = *cid;
  } else {
    result.error = "pushing message to mpool: " + cid.error();
  }
  answer(std::move(done), R::ok(std::move(result)));
}

void PassThroughBatchers::add_commit(const sealing::SectorInfo& sector, sealing::AggregateInput input,
                                     std::function<void(sealing::Result<sealing::CommitBatchResult>)> done) {
  using R = sealing::Result<sealing::CommitBatchResult>;
  // Collateral as Lotus's individual commit path computes it: initial pledge less the deposit
  // already locked by the precommit, never negative.
  TokenAmount collateral;
  if (sector.pre_commit_info) {
    const auto pledge = chain_.state_miner_initial_pledge_collateral(*sector.pre_commit_info, {});
    if (!pledge) {
      answer(std::move(done), R::fail("getting initial pledge collateral: " + pledge.error()));
      return;
    }
    if (sector.pre_commit_deposit < *pledge) collateral = *pledge - sector.pre_commit_deposit;
  }
  const auto cid = chain_.push_typed(chain::method::kProveCommitSector,
                                     chain::ProveCommitSectorParams{input.number, input.proof}, collateral,
                                     fees_.max_commit_gas_fee);
  sealing::CommitBatchResult result;
  result.sectors = {sector.sector_number};
  if (cid) {
    result.message = *cid;
  } else {
    result.error = "pushing message to mpool: " + cid.error();
    result.failed_sectors[sector.sector_number] = result.error;
  }
  answer(std::move(done), R::ok(std::move(result)));
}

void PassThroughBatchers::add_termination(SectorId sector,
                                          std::function<void(sealing::Result<sealing::TerminationResult>)> done) {
  using R = sealing::Result<sealing::TerminationResult>;
  const auto location = chain_.state_sector_partition(sector.number, {});
  if (!location) {
    answer(std::move(done), R::fail("getting sector location: " + location.error()));
    return;
  }
  if (!*location) {
    answer(std::move(done), R::ok(sealing::TerminationResult{std::nullopt, true}));
    return;
  }
  chain::TerminateSectorsParams params;
  params.terminations.push_back({(*location)->deadline, (*location)->partition, {sector.number}});
  const auto cid = chain_.push_typed(chain::method::kTerminateSectors, params, TokenAmount{}, fees_.max_terminate_gas_fee);
  if (!cid) {
    answer(std::move(done), R::fail("pushing message to mpool: " + cid.error()));
    return;
  }
  answer(std::move(done), R::ok(sealing::TerminationResult{*cid, false}));
}

}  // namespace sealsim::scenarios
