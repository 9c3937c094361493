// tipset.hpp: tipsets of the simulated chain. One block per tipset; the key is a SHA-256 over the
// parent key, the height and the branch, so a replacement branch has different keys. The tipset
// token the sealing FSM passes around is the key's bytes.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "model/bytes.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

struct TipSetKey {
  Node32 digest{};

  std::string to_string() const { return to_hex(as_span(digest)); }
  friend constexpr auto operator<=>(const TipSetKey&, const TipSetKey&) = default;
};

using TipSetToken = Bytes;

TipSetToken token_of(const TipSetKey& key);
// Throws ChainError(InvalidArgument) when the token is not 32 bytes.
TipSetKey key_of(const TipSetToken& token);

using MessageCid = Node32;

struct TipSet {
  TipSetKey key;
  TipSetKey parent;
  ChainEpoch height = 0;
  ChainEpoch parent_height = 0;  // lower than height - 1 after null rounds
  std::uint64_t branch = 0;      // 0 for the original chain, incremented by every reorg
  Node32 ticket{};               // VRF ticket stand-in: ticket randomness draws from it
  Node32 beacon{};               // latest beacon entry in this tipset
  std::int64_t timestamp = 0;
  std::vector<MessageCid> messages;  // included (and executed) here, in execution order

  TipSetToken token() const { return token_of(key); }
};

}  // namespace sealsim::chain
