// batcher_chain_adapter.hpp: the three batchers' narrow chain interfaces (sealing/batcher_api.hpp:
// PreCommitBatcherApi, CommitBatcherApi, TerminateBatcherApi) over chain-mock for the scenario's
// miner, next to ChainAdapter (whose conversions and error mapping it reuses). The batchers' typed
// messages map one-to-one onto chain-mock's typed parameters. Also the aggregate prover of mock
// runs: chain-mock's keyed mock aggregate over the sectors' mock seal proofs.
#pragma once

#include "chain-mock/mock_proof_verifier.hpp"
#include "scenarios/chain_adapter.hpp"
#include "sealing/batcher_api.hpp"

namespace sealsim::scenarios {

class BatcherChainAdapter final : public sealing::PreCommitBatcherApi,
                                  public sealing::CommitBatcherApi,
                                  public sealing::TerminateBatcherApi {
 public:
  explicit BatcherChainAdapter(ChainAdapter& chain) : chain_(chain) {}

  sealing::Result<sealing::ChainHead> chain_head() override { return chain_.chain_head(); }
  sealing::Result<sealing::MinerInfo> state_miner_info() override { return chain_.state_miner_info({}); }
  sealing::Result<Cid> send_msg(const sealing::BatcherMessage& message) override;
  sealing::Result<TokenAmount> chain_base_fee(const sealing::TipSetToken& tok) override {
    return chain_.chain_base_fee(tok);
  }
  sealing::Result<std::optional<sealing::PreCommitOnChainInfo>> state_sector_pre_commit_info(
      SectorNumber number, const sealing::TipSetToken& tok) override {
    return chain_.state_sector_pre_commit_info(number, tok);
  }
  sealing::Result<TokenAmount> state_miner_initial_pledge_collateral(const sealing::SectorPreCommitInfo& info,
                                                                     const sealing::TipSetToken& tok) override {
    return chain_.state_miner_initial_pledge_collateral(info, tok);
  }
  sealing::Result<std::int64_t> state_network_version(const sealing::TipSetToken& tok) override {
    return chain_.state_network_version(tok);
  }
  sealing::Result<std::optional<sealing::SectorLocation>> state_sector_partition(SectorNumber number) override {
    return chain_.state_sector_partition(number, {});
  }
  sealing::Result<std::vector<sealing::MinerPartition>> state_miner_partitions(std::uint64_t deadline) override;
  sealing::Result<sealing::ProvingDeadline> state_miner_proving_deadline() override;

 private:
  ChainAdapter& chain_;
};

// The batchers' typed parameters as chain-mock's (throws ModelError for a non-commitment CID).
chain::MessageParams to_chain_params(const sealing::BatcherMessageParams& params);

// ffiwrapper's AggregateSealProofs for mock runs: the aggregate chain-mock's MockProofVerifier
// accepts for these sectors' tickets, seeds and commitments.
class MockAggregateProver final : public sealing::AggregateProver {
 public:
  sealing::Result<Bytes> aggregate_seal_proofs(const sealing::AggregateSealRequest& request,
                                               const std::vector<Bytes>& proofs) override;

 private:
  chain::MockProofVerifier verifier_;
};

}  // namespace sealsim::scenarios
