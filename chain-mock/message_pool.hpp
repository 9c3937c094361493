// message_pool.hpp: pending messages by sender and nonce. Replacement of a pending message with
// the same nonce needs a gas premium at least 25% higher (Lotus ReplaceByFeeRatio 1.25). Selection
// for a tipset takes, per sender in id order, the contiguous run of nonces starting at the sender's
// state nonce whose inclusion delay has passed and whose gas the sender can cover.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "chain-mock/actor_state.hpp"
#include "chain-mock/message.hpp"

namespace sealsim::chain {

struct PendingMessage {
  Message message;
  MessageCid cid{};
  ChainEpoch pushed_epoch = 0;
  ChainEpoch not_before = 0;  // first height that may include it
};

class MessagePool {
 public:
  // Adds a message; returns the CID it replaced, if any. Throws ChainError(NonceConflict) when a
  // pending message has the nonce and the premium is not high enough, or the nonce is below the
  // sender's state nonce.
  std::optional<MessageCid> add(PendingMessage pending, std::uint64_t state_nonce);
  // The nonce MpoolPushMessage assigns: the state nonce plus the contiguous pending run.
  std::uint64_t next_nonce(ActorId sender, std::uint64_t state_nonce) const;
  std::vector<PendingMessage> select(const StateTree& state, ChainEpoch height, TokenAmount base_fee, std::size_t max) const;
  void remove(ActorId sender, std::uint64_t nonce);
  // Removes messages pushed before `oldest_kept` and those whose nonce the chain has passed;
  // returns their CIDs.
  std::vector<MessageCid> prune(const StateTree& state, ChainEpoch oldest_kept);
  const PendingMessage* find(ActorId sender, std::uint64_t nonce) const;
  std::size_t size() const;

 private:
  std::map<ActorId, std::map<std::uint64_t, PendingMessage>> pending_;
};

}  // namespace sealsim::chain
