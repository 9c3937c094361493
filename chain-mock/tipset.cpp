// tipset.cpp: tipset tokens.
#include "chain-mock/tipset.hpp"

#include <algorithm>

#include "chain-mock/chain_error.hpp"

namespace sealsim::chain {

TipSetToken token_of(const TipSetKey& key) { return TipSetToken(key.digest.begin(), key.digest.end()); }

TipSetKey key_of(const TipSetToken& token) {
  if (token.size() != 32) {
    throw ChainError(ChainErrorKind::InvalidArgument,
                     "tipset token must be 32 bytes, got " + std::to_string(token.size()));
  }
  TipSetKey key;
  std::copy(token.begin(), token.end(), key.digest.begin());
  return key;
}

}  // namespace sealsim::chain
