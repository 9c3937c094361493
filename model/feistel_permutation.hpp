// feistel_permutation.hpp: the keyed 3-round Feistel permutation with cycle walking that picks SDR
// expander parents (spec proofs.md §5.3). Round function: BLAKE2b-512 through OpenSSL.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>

struct evp_md_st;

namespace sealsim {

class FeistelPermutation {
 public:
  static constexpr unsigned kRounds = 3;

  // A permutation of [0, domain_size); the Feistel network itself works on the smallest even bit
  // width 2h (h >= 1) with 4^h >= domain_size and walks cycles back into the domain.
  FeistelPermutation(std::uint64_t domain_size, const std::array<std::uint64_t, kRounds>& keys);

  std::uint64_t domain_size() const { return domain_size_; }
  unsigned half_bits() const { return half_bits_; }
  std::uint64_t right_mask() const { return right_mask_; }
  std::uint64_t left_mask() const { return right_mask_ << half_bits_; }

  // One pass of the network (no cycle walking); input below 4^h.
  std::uint64_t encrypt(std::uint64_t value) const;
  // encrypt repeated until the result lies in the domain.
  std::uint64_t permute(std::uint64_t value) const;
  // permute of each input, sharing one digest context.
  void permute(std::span<const std::uint64_t> inputs, std::span<std::uint64_t> outputs) const;

 private:
  class RoundHasher;

  std::uint64_t domain_size_;
  std::array<std::uint64_t, kRounds> keys_;
  unsigned half_bits_ = 1;
  std::uint64_t right_mask_ = 1;
  std::shared_ptr<evp_md_st> blake2b_;
};

}  // namespace sealsim
