// randomness.cpp: SHA-256 derivations of tickets, beacon entries, keys and drawn randomness.
#include "chain-mock/randomness.hpp"

#include <openssl/evp.h>

#include <string_view>

namespace sealsim::chain {
namespace {

// Incremental SHA-256 through OpenSSL's EVP interface (the low-level SHA256_* calls are
// deprecated in OpenSSL 3).
class Hasher {
 public:
  Hasher() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  ~Hasher() { EVP_MD_CTX_free(ctx_); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Hasher& add(ByteSpan data) {
    EVP_DigestUpdate(ctx_, data.data(), data.size());
    return *this;
  }
  Hasher& add(std::string_view text) {
    EVP_DigestUpdate(ctx_, text.data(), text.size());
    return *this;
  }
  Hasher& add_be64(std::uint64_t value) {
    std::uint8_t bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (56 - 8 * i));
    EVP_DigestUpdate(ctx_, bytes, sizeof bytes);
    return *this;
  }
  Node32 finish() {
    Node32 out{};
    EVP_DigestFinal_ex(ctx_, out.data(), nullptr);
    return out;
  }

 private:
  EVP_MD_CTX* ctx_;
};

}  // namespace

Node32 sha256(ByteSpan data) { return Hasher().add(data).finish(); }

Node32 derive_ticket(std::uint64_t seed, const TipSetKey& key) {
  return Hasher().add("sealsim/ticket").add_be64(seed).add(as_span(key.digest)).finish();
}

Node32 derive_beacon(std::uint64_t seed, ChainEpoch height, const TipSetKey* branch_key) {
  Hasher hasher;
  hasher.add("sealsim/beacon").add_be64(seed).add_be64(static_cast<std::uint64_t>(height));
  if (branch_key != nullptr) hasher.add(as_span(branch_key->digest));
  return hasher.finish();
}

TipSetKey derive_tipset_key(std::uint64_t seed, const TipSetKey& parent, ChainEpoch height, std::uint64_t branch) {
  return TipSetKey{Hasher()
                       .add("sealsim/tipset")
                       .add(as_span(parent.digest))
                       .add_be64(static_cast<std::uint64_t>(height))
                       .add_be64(branch)
                       .add_be64(seed)
                       .finish()};
}

Node32 draw_randomness(const Node32& base, DomainSeparationTag tag, ChainEpoch epoch, ByteSpan entropy) {
  Node32 base_hash = sha256(as_span(base));
  return Hasher()
      .add_be64(static_cast<std::uint64_t>(tag))
      .add(as_span(base_hash))
      .add_be64(static_cast<std::uint64_t>(epoch))
      .add(entropy)
      .finish();
}

}  // namespace sealsim::chain
