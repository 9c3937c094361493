// message_pool.cpp: pending-message bookkeeping and selection.
#include "chain-mock/message_pool.hpp"

#include "chain-mock/chain_error.hpp"

namespace sealsim::chain {

std::optional<MessageCid> MessagePool::add(PendingMessage pending, std::uint64_t state_nonce) {
  const Message& m = pending.message;
  if (m.nonce < state_nonce) {
    throw ChainError(ChainErrorKind::NonceConflict, "nonce " + std::to_string(m.nonce) + " of " + m.from.to_string() +
                                                        " is below the state nonce " + std::to_string(state_nonce));
  }
  auto& by_nonce = pending_[m.from.id];
  auto it = by_nonce.find(m.nonce);
  if (it == by_nonce.end()) {
    by_nonce.emplace(m.nonce, std::move(pending));
    return std::nullopt;
  }
  TokenAmount needed = it->second.message.gas_premium * 125 / 100 + TokenAmount(1);
  if (m.gas_premium < needed) {
    throw ChainError(ChainErrorKind::NonceConflict, "replacement of nonce " + std::to_string(m.nonce) + " of " + m.from.to_string() +
                                                        " needs gas premium >= " + needed.to_string() + ", got " +
                                                        m.gas_premium.to_string());
  }
  MessageCid replaced = it->second.cid;
  it->second = std::move(pending);
  return replaced;
}

std::uint64_t MessagePool::next_nonce(ActorId sender, std::uint64_t state_nonce) const {
  auto it = pending_.find(sender);
  std::uint64_t nonce = state_nonce;
  if (it == pending_.end()) return nonce;
  while (it->second.count(nonce) != 0) ++nonce;
  return nonce;
}

std::vector<PendingMessage> MessagePool::select(const StateTree& state, ChainEpoch height, TokenAmount base_fee,
                                                std::size_t max) const {
  std::vector<PendingMessage> out;
  for (const auto& [sender, by_nonce] : pending_) {
    const ActorEntry* actor = state.find_actor(sender);
    if (actor == nullptr) continue;
    std::uint64_t nonce = actor->nonce;
    TokenAmount balance = actor->balance;
    for (auto it = by_nonce.find(nonce); it != by_nonce.end() && it->first == nonce; ++it, ++nonce) {
      const PendingMessage& p = it->second;
      if (out.size() >= max || p.not_before > height || p.message.gas_fee_cap < base_fee) break;
      if (balance < p.message.max_gas_cost()) break;  // the block producer would not include it
      balance -= p.message.max_gas_cost();
      out.push_back(p);
    }
  }
  return out;
}

void MessagePool::remove(ActorId sender, std::uint64_t nonce) {
  auto it = pending_.find(sender);
  if (it == pending_.end()) return;
  it->second.erase(nonce);
  if (it->second.empty()) pending_.erase(it);
}

std::vector<MessageCid> MessagePool::prune(const StateTree& state, ChainEpoch oldest_kept) {
  std::vector<MessageCid> removed;
  for (auto sender_it = pending_.begin(); sender_it != pending_.end();) {
    const ActorEntry* actor = state.find_actor(sender_it->first);
    std::uint64_t state_nonce = actor == nullptr ? 0 : actor->nonce;
    auto& by_nonce = sender_it->second;
    for (auto it = by_nonce.begin(); it != by_nonce.end();) {
      if (it->first < state_nonce || it->second.pushed_epoch < oldest_kept) {
        removed.push_back(it->second.cid);
        it = by_nonce.erase(it);
      } else {
        ++it;
      }
    }
    sender_it = by_nonce.empty() ? pending_.erase(sender_it) : std::next(sender_it);
  }
  return removed;
}

const PendingMessage* MessagePool::find(ActorId sender, std::uint64_t nonce) const {
  auto it = pending_.find(sender);
  if (it == pending_.end()) return nullptr;
  auto jt = it->second.find(nonce);
  return jt == it->second.end() ? nullptr : &jt->second;
}

std::size_t MessagePool::size() const {
  std::size_t n = 0;
  for (const auto& [sender, by_nonce] : pending_) n += by_nonce.size();
  return n;
}

}  // namespace sealsim::chain
