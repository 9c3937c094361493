// batcher_chain_adapter.cpp: the batchers' chain interfaces over chain-mock.
#include "scenarios/batcher_chain_adapter.hpp"

#include <algorithm>

#include "chain-mock/chain_error.hpp"
#include "model/model_error.hpp"

namespace sealsim::scenarios {

namespace {

template <class T, class F>
sealing::Result<T> guarded(F&& call) {
  try {
    return sealing::Result<T>::ok(call());
  } catch (const chain::ChainError& e) {
    return sealing::Result<T>::fail(e.what());
  } catch (const ModelError& e) {
    return sealing::Result<T>::fail(e.what());
  }
}

Node32 node32_of(const Bytes& bytes, const char* what) {
  if (bytes.size() != 32) throw ModelError(std::string(what) + " must be 32 bytes, got " + std::to_string(bytes.size()));
  Node32 out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

std::vector<chain::SectorDeclaration> declarations(const std::vector<sealing::TerminationDeclaration>& in) {
  std::vector<chain::SectorDeclaration> out;
  for (const auto& d : in) {
    out.push_back({d.deadline, d.partition, std::vector<SectorNumber>(d.sectors.begin(), d.sectors.end())});
  }
  return out;
}

}  // namespace

chain::MessageParams to_chain_params(const sealing::BatcherMessageParams& params) {
  return std::visit(
      [](const auto& p) -> chain::MessageParams {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, sealing::PreCommitSectorBatchParams>) {
          chain::PreCommitSectorBatchParams out;
          for (const auto& s : p.sectors) out.sectors.push_back(to_chain_precommit(s));
          return out;
        } else if constexpr (std::is_same_v<T, sealing::ProveCommitSectorParams>) {
          return chain::ProveCommitSectorParams{p.sector_number, p.proof};
        } else if constexpr (std::is_same_v<T, sealing::ProveCommitAggregateParams>) {
          return chain::ProveCommitAggregateParams{
              std::vector<SectorNumber>(p.sector_numbers.begin(), p.sector_numbers.end()), p.aggregate_proof};
        } else {
          static_assert(std::is_same_v<T, sealing::TerminateSectorsParams>);
          return chain::TerminateSectorsParams{declarations(p.terminations)};
        }
      },
      params);
}

sealing::Result<Cid> BatcherChainAdapter::send_msg(const sealing::BatcherMessage& message) {
  chain::MessageParams params;
  try {
    params = to_chain_params(message.params);
  } catch (const ModelError& e) {
    return sealing::Result<Cid>::fail(e.what());
  }
  return chain_.push_from(chain::Address{message.from}, message.method, std::move(params), message.value,
                          message.max_fee);
}

sealing::Result<std::vector<sealing::MinerPartition>> BatcherChainAdapter::state_miner_partitions(
    std::uint64_t deadline) {
  return guarded<std::vector<sealing::MinerPartition>>([&] {
    std::vector<sealing::MinerPartition> out;
    for (const auto& p : chain_.chain().state_miner_partitions(chain_.miner(), deadline)) {
      out.push_back(sealing::MinerPartition{p.live()});
    }
    return out;
  });
}

sealing::Result<sealing::ProvingDeadline> BatcherChainAdapter::state_miner_proving_deadline() {
  return guarded<sealing::ProvingDeadline>([&] {
    const auto d = chain_.chain().state_miner_proving_deadline(chain_.miner());
    return sealing::ProvingDeadline{d.current_epoch, d.period_start, d.index};
  });
}

sealing::Result<Bytes> MockAggregateProver::aggregate_seal_proofs(const sealing::AggregateSealRequest& request,
                                                                  const std::vector<Bytes>& proofs) {
  if (proofs.size() != request.infos.size()) {
    return sealing::Result<Bytes>::fail("aggregate: " + std::to_string(proofs.size()) + " proofs for " +
                                        std::to_string(request.infos.size()) + " sectors");
  }
  try {
    chain::AggregateSealVerifyInfo info;
    info.seal_proof = request.seal_proof;
    for (std::size_t i = 0; i < request.infos.size(); ++i) {
      const auto& in = request.infos[i];
      chain::SealVerifyInfo s;
      s.seal_proof = request.seal_proof;
      s.sector = SectorId{request.miner, in.number};
      s.ticket = node32_of(in.randomness, "ticket");
      s.seed = node32_of(in.interactive_randomness, "seed");
      s.sealed_cid = cid_to_commitment(CommitmentKind::Sealed, in.sealed_cid);
      s.unsealed_cid = cid_to_commitment(CommitmentKind::Unsealed, in.unsealed_cid);
      s.proof = proofs[i];
      info.infos.push_back(std::move(s));
    }
    Bytes proof = verifier_.make_aggregate_proof(info);
    if (proof.empty()) return sealing::Result<Bytes>::fail("aggregate: unsupported proof count");
    return sealing::Result<Bytes>::ok(std::move(proof));
  } catch (const ModelError& e) {
    return sealing::Result<Bytes>::fail(std::string("aggregate: ") + e.what());
  }
}

}  // namespace sealsim::scenarios
