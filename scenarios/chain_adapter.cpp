// chain_adapter.cpp: sealing's chain interfaces over MockChain.
#include "scenarios/chain_adapter.hpp"

#include <utility>

#include "chain-mock/chain_error.hpp"
#include "model/model_error.hpp"
#include "scenarios/message_param_decoding.hpp"

namespace sealsim::scenarios {

namespace {

constexpr std::uint64_t kDagCbor = 0x71;
constexpr std::uint64_t kBlake2b256 = 0xb220;

using sealing::Result;

// Runs a chain call, turning ChainError (and malformed commitments) into the Result error text.
template <class T, class F>
Result<T> guarded(F&& call) {
  try {
    return Result<T>::ok(call());
  } catch (const chain::ChainError& e) {
    if (e.kind() == chain::ChainErrorKind::SectorAllocated) return Result<T>::fail(sealing::kErrSectorAllocated);
    return Result<T>::fail(e.what());
  } catch (const ModelError& e) {
    return Result<T>::fail(e.what());
  }
}

chain::DomainSeparationTag tag_of(sealing::RandomnessDomain domain) {
  return static_cast<chain::DomainSeparationTag>(static_cast<std::int64_t>(domain));
}

}  // namespace

chain::SectorPreCommitInfo to_chain_precommit(const sealing::SectorPreCommitInfo& info) {
  chain::SectorPreCommitInfo out;
  out.seal_proof = info.seal_proof;
  out.sector_number = info.sector_number;
  out.sealed_cid = cid_to_commitment(CommitmentKind::Sealed, info.sealed_cid);
  out.seal_rand_epoch = info.seal_rand_epoch;
  out.deal_ids = info.deal_ids;
  out.expiration = info.expiration;
  return out;
}

namespace {

sealing::SectorPreCommitInfo from_chain(const chain::SectorPreCommitInfo& info) {
  sealing::SectorPreCommitInfo out;
  out.seal_proof = info.seal_proof;
  out.sector_number = info.sector_number;
  out.sealed_cid = commitment_to_cid(CommitmentKind::Sealed, info.sealed_cid);
  out.seal_rand_epoch = info.seal_rand_epoch;
  out.deal_ids = info.deal_ids;
  out.expiration = info.expiration;
  return out;
}

sealing::MessageLookup lookup_of(const chain::MsgLookup& found) {
  sealing::MessageLookup out;
  out.receipt.exit_code = chain::exit_code_value(found.receipt.exit_code);
  out.receipt.gas_used = found.receipt.gas_used;
  out.tipset = found.tipset;
  out.height = found.height;
  return out;
}

}  // namespace

Cid message_cid_to_cid(const chain::MessageCid& cid) {
  return Cid{kDagCbor, kBlake2b256, Bytes(cid.begin(), cid.end())};
}

std::optional<chain::MessageCid> cid_to_message_cid(const Cid& cid) {
  if (cid.codec != kDagCbor || cid.multihash_code != kBlake2b256 || cid.digest.size() != 32) return std::nullopt;
  chain::MessageCid out{};
  std::copy(cid.digest.begin(), cid.digest.end(), out.begin());
  return out;
}

Result<sealing::ChainHead> ChainAdapter::chain_head() {
  return guarded<sealing::ChainHead>([&] {
    const auto head = chain_.chain_head();
    return sealing::ChainHead{head.token, head.height};
  });
}

Result<bool> ChainAdapter::state_miner_sector_allocated(SectorNumber number, const sealing::TipSetToken& tok) {
  return guarded<bool>([&] { return chain_.state_miner_sector_allocated(miner_, number, tok); });
}

Result<std::optional<sealing::PreCommitOnChainInfo>> ChainAdapter::state_sector_pre_commit_info(
    SectorNumber number, const sealing::TipSetToken& tok) {
  return guarded<std::optional<sealing::PreCommitOnChainInfo>>([&]() -> std::optional<sealing::PreCommitOnChainInfo> {
    const auto found = chain_.state_sector_precommit_info(miner_, number, tok);
    if (!found) return std::nullopt;
    return sealing::PreCommitOnChainInfo{from_chain(found->info), found->precommit_deposit, found->precommit_epoch};
  });
}

Result<std::optional<sealing::SectorOnChainInfo>> ChainAdapter::state_sector_get_info(
    SectorNumber number, const sealing::TipSetToken& tok) {
  return guarded<std::optional<sealing::SectorOnChainInfo>>([&]() -> std::optional<sealing::SectorOnChainInfo> {
    const auto found = chain_.state_sector_get_info(miner_, number, tok);
    if (!found) return std::nullopt;
    return sealing::SectorOnChainInfo{found->sector_number, found->seal_proof,
                                      commitment_to_cid(CommitmentKind::Sealed, found->sealed_cid),
                                      found->activation, found->expiration, found->initial_pledge};
  });
}

Result<Cid> ChainAdapter::state_compute_data_commitment(RegisteredSealProof proof, const std::vector<DealId>& deals,
                                                        const sealing::TipSetToken& tok) {
  return guarded<Cid>([&] {
    return commitment_to_cid(CommitmentKind::Unsealed, chain_.state_compute_data_commitment(proof, deals, tok));
  });
}

namespace {

sealing::DealProposal deal_proposal_of(const chain::DealProposal& p) {
  sealing::DealProposal out;
  out.piece = PieceInfo{p.piece_size, p.piece_cid};
  out.verified_deal = p.verified_deal;
  out.client = p.client.id;
  out.provider = p.provider.id;
  out.label = p.label;
  out.start_epoch = p.start_epoch;
  out.end_epoch = p.end_epoch;
  return out;
}

}  // namespace

Result<sealing::DealProposal> ChainAdapter::state_market_storage_deal_proposal(DealId deal,
                                                                               const sealing::TipSetToken& tok) {
  return guarded<sealing::DealProposal>([&] { return deal_proposal_of(chain_.state_market_storage_deal_proposal(deal, tok)); });
}

Result<std::vector<sealing::DealProposal>> ChainAdapter::chain_get_publish_deals_proposals(const Cid& message) {
  using R = Result<std::vector<sealing::DealProposal>>;
  const auto cid = cid_to_message_cid(message);
  if (!cid) return R::fail("not a message CID: " + message.to_string());
  const chain::MessageRecord* record = chain_.message(*cid);
  if (record == nullptr) return R::fail("message " + message.to_string() + " not found");
  const auto* params = std::get_if<chain::PublishStorageDealsParams>(&record->message.params);
  if (params == nullptr) return R::fail("message " + message.to_string() + " is not a PublishStorageDeals message");
  std::vector<sealing::DealProposal> out;
  for (const auto& deal : params->deals) out.push_back(deal_proposal_of(deal.proposal));
  return R::ok(std::move(out));
}

Result<ActorId> ChainAdapter::state_lookup_id(ActorId address, const sealing::TipSetToken&) {
  // Addresses are ID addresses on chain-mock (chain-mock/address.hpp): the lookup is the identity.
  return Result<ActorId>::ok(address);
}

Result<Bytes> ChainAdapter::chain_get_randomness_from_tickets(const sealing::TipSetToken& tok,
                                                              sealing::RandomnessDomain domain, ChainEpoch epoch,
                                                              const Bytes& entropy) {
  return guarded<Bytes>([&] {
    const Node32 r = chain_.get_randomness_from_tickets(tok, tag_of(domain), epoch, entropy);
    return Bytes(r.begin(), r.end());
  });
}

Result<Bytes> ChainAdapter::chain_get_randomness_from_beacon(const sealing::TipSetToken& tok,
                                                             sealing::RandomnessDomain domain, ChainEpoch epoch,
                                                             const Bytes& entropy) {
  return guarded<Bytes>([&] {
    const Node32 r = chain_.get_randomness_from_beacon(tok, tag_of(domain), epoch, entropy);
    return Bytes(r.begin(), r.end());
  });
}

Result<TokenAmount> ChainAdapter::state_miner_pre_commit_deposit_for_power(const sealing::SectorPreCommitInfo& info,
                                                                           const sealing::TipSetToken& tok) {
  return guarded<TokenAmount>([&] { return chain_.state_miner_precommit_deposit_for_power(miner_, to_chain_precommit(info), tok); });
}

Result<TokenAmount> ChainAdapter::state_miner_initial_pledge_collateral(const sealing::SectorPreCommitInfo& info,
                                                                        const sealing::TipSetToken& tok) {
  return guarded<TokenAmount>([&] { return chain_.state_miner_initial_pledge_collateral(miner_, to_chain_precommit(info), tok); });
}

Result<sealing::MinerInfo> ChainAdapter::state_miner_info(const sealing::TipSetToken& tok) {
  return guarded<sealing::MinerInfo>([&] {
    const auto info = chain_.state_miner_info(miner_, tok);
    sealing::MinerInfo out;
    out.owner = info.owner.id;
    out.worker = info.worker.id;
    for (const auto& a : info.control_addresses) out.control_addresses.push_back(a.id);
    out.window_post_proof_type = info.window_post_proof_type;
    return out;
  });
}

Result<std::int64_t> ChainAdapter::state_network_version(const sealing::TipSetToken& tok) {
  return guarded<std::int64_t>([&] { return static_cast<std::int64_t>(chain_.state_network_version(tok)); });
}

Result<std::optional<sealing::SectorLocation>> ChainAdapter::state_sector_partition(SectorNumber number,
                                                                                   const sealing::TipSetToken& tok) {
  return guarded<std::optional<sealing::SectorLocation>>([&]() -> std::optional<sealing::SectorLocation> {
    const auto found = chain_.state_sector_partition(miner_, number, tok);
    if (!found) return std::nullopt;
    return sealing::SectorLocation{found->deadline, found->partition};
  });
}

Result<TokenAmount> ChainAdapter::chain_base_fee(const sealing::TipSetToken& tok) {
  return guarded<TokenAmount>([&] { return chain_.chain_base_fee(tok); });
}

Result<Cid> ChainAdapter::send_msg(ActorId from, std::uint64_t method, const TokenAmount& value,
                                   const TokenAmount& max_fee, const Bytes& params) {
  // The handlers send CBOR-encoded parameters (sealing/message_params.hpp, actor_cbor.hpp); the
  // mock chain takes typed ones, so decode exactly what was encoded.
  auto decoded = decode_miner_params(method, params);
  if (!decoded) return Result<Cid>::fail(decoded.error());
  return push_from(chain::Address{from}, method, std::move(*decoded), value, max_fee);
}

Result<Cid> ChainAdapter::push_typed(chain::MethodNumber method, chain::MessageParams params, const TokenAmount& value,
                                     const TokenAmount& max_fee) {
  const auto info = guarded<chain::MinerInfo>([&] { return chain_.state_miner_info(miner_); });
  if (!info) return Result<Cid>::fail(info.error());
  return push_from(info->worker, method, std::move(params), value, max_fee);
}

Result<Cid> ChainAdapter::push_from(chain::Address from, chain::MethodNumber method, chain::MessageParams params,
                                    const TokenAmount& value, const TokenAmount& max_fee) {
  return push(from, miner_, method, std::move(params), value, max_fee);
}

Result<Cid> ChainAdapter::push_to_market(chain::Address from, chain::MethodNumber method, chain::MessageParams params,
                                         const TokenAmount& value, const TokenAmount& max_fee) {
  return push(from, chain::kMarketActor, method, std::move(params), value, max_fee);
}

Result<Cid> ChainAdapter::push(chain::Address from, chain::Address to, chain::MethodNumber method,
                               chain::MessageParams params, const TokenAmount& value, const TokenAmount& max_fee) {
  if (killed()) return Result<Cid>::fail("the miner process is dead (killed after pushing a message)");
  return guarded<Cid>([&] {
    const bool kills = kill_on_ && kill_on_->to == to && kill_on_->method == method;
    chain::Message message;
    message.from = from;
    message.to = to;
    message.value = value;
    message.method = method;
    message.params = std::move(params);
    const chain::MessageCid cid = chain_.mpool_push_message(std::move(message), max_fee);
    pushed_.push_back(cid);
    if (kills) {
      kill_on_.reset();
      killed_by_ = cid;
    }
    return message_cid_to_cid(cid);
  });
}

Result<std::optional<sealing::MessageLookup>> ChainAdapter::state_search_msg(const Cid& message) {
  const auto cid = cid_to_message_cid(message);
  if (!cid) return Result<std::optional<sealing::MessageLookup>>::fail("not a message CID: " + message.to_string());
  return guarded<std::optional<sealing::MessageLookup>>([&]() -> std::optional<sealing::MessageLookup> {
    const auto found = chain_.state_search_msg(*cid);
    if (!found) return std::nullopt;
    return lookup_of(*found);
  });
}

void ChainAdapter::state_wait_msg(const Cid& message, std::function<void(Result<sealing::MessageLookup>)> done) {
  auto deliver = [this, done](Result<sealing::MessageLookup> result) {
    clock_.schedule_at(clock_.now(), [done, result] { done(result); });
  };
  const auto cid = cid_to_message_cid(message);
  if (!cid) {
    deliver(Result<sealing::MessageLookup>::fail("not a message CID: " + message.to_string()));
    return;
  }
  try {
    chain_.state_wait_msg(*cid, chain_.config().message_confidence, [deliver](const chain::WaitResult& r) {
      if (r.lookup) {
        deliver(Result<sealing::MessageLookup>::ok(lookup_of(*r.lookup)));
      } else {
        deliver(Result<sealing::MessageLookup>::fail(r.error));
      }
    });
  } catch (const chain::ChainError& e) {
    deliver(Result<sealing::MessageLookup>::fail(e.what()));
  }
}

Result<sealing::Unit> ChainAdapter::chain_at(ApplyCallback apply, RevertCallback revert, int confidence,
                                             ChainEpoch height) {
  return guarded<sealing::Unit>([&] {
    chain_.chain_at(
        height, confidence,
        [this, apply](const chain::TipSet& at, ChainEpoch head) {
          clock_.schedule_at(clock_.now(), [apply, token = at.token(), head] { apply(token, head); });
        },
        [this, revert](const chain::TipSet& reverted) {
          clock_.schedule_at(clock_.now(), [revert, token = reverted.token()] { revert(token); });
        });
    return sealing::Unit{};
  });
}

}  // namespace sealsim::scenarios
