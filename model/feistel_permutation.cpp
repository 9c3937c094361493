// feistel_permutation.cpp: Feistel permutation for expander parents (spec proofs.md §5.3).
#include "model/feistel_permutation.hpp"

#include <openssl/evp.h>

#include <string>

#include "model/model_error.hpp"

namespace sealsim {

// One EVP context reused for the many round-function digests of a permute call.
class FeistelPermutation::RoundHasher {
 public:
  explicit RoundHasher(const EVP_MD* md) : md_(md), ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!ctx_) throw ModelError("OpenSSL: cannot allocate a BLAKE2b context");
  }

  // F(R, k) = BE64(blake2b_512(BE64(R) ‖ BE64(k))[0..8]) & mask.
  std::uint64_t round(std::uint64_t right, std::uint64_t key, std::uint64_t mask) {
    std::array<unsigned char, 16> message{};
    for (unsigned i = 0; i < 8; ++i) {
      message[i] = static_cast<unsigned char>(right >> (56 - 8 * i));
      message[8 + i] = static_cast<unsigned char>(key >> (56 - 8 * i));
    }
    std::array<unsigned char, 64> digest{};
    unsigned int length = 0;
    if (EVP_DigestInit_ex2(ctx_.get(), md_, nullptr) != 1 ||
        EVP_DigestUpdate(ctx_.get(), message.data(), message.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_.get(), digest.data(), &length) != 1 || length != digest.size()) {
      throw ModelError("OpenSSL BLAKE2b-512 digest failed");
    }
    std::uint64_t value = 0;
    for (unsigned i = 0; i < 8; ++i) value = (value << 8) | digest[i];
    return value & mask;
  }

 private:
  const EVP_MD* md_;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

namespace {

std::uint64_t encrypt_with(std::uint64_t value, const std::array<std::uint64_t, 3>& keys,
                           unsigned half_bits, std::uint64_t right_mask, auto& hasher) {
  std::uint64_t left = (value >> half_bits) & right_mask;
  std::uint64_t right = value & right_mask;
  for (std::uint64_t key : keys) {
    std::uint64_t next_right = left ^ hasher.round(right, key, right_mask);
    left = right;
    right = next_right;
  }
  return (left << half_bits) | right;
}

}  // namespace

FeistelPermutation::FeistelPermutation(std::uint64_t domain_size,
                                       const std::array<std::uint64_t, kRounds>& keys)
    : domain_size_(domain_size), keys_(keys) {
  if (domain_size < 2 || domain_size > (std::uint64_t{1} << 62)) {
    throw ModelError("Feistel domain size must be in [2, 2^62], got " + std::to_string(domain_size));
  }
  while ((std::uint64_t{1} << (2 * half_bits_)) < domain_size) ++half_bits_;
  right_mask_ = (std::uint64_t{1} << half_bits_) - 1;
  EVP_MD* md = EVP_MD_fetch(nullptr, "BLAKE2B-512", nullptr);
  if (md == nullptr) throw ModelError("OpenSSL: BLAKE2B-512 is not available");
  blake2b_ = std::shared_ptr<evp_md_st>(md, &EVP_MD_free);
}

std::uint64_t FeistelPermutation::encrypt(std::uint64_t value) const {
  RoundHasher hasher(blake2b_.get());
  return encrypt_with(value, keys_, half_bits_, right_mask_, hasher);
}

std::uint64_t FeistelPermutation::permute(std::uint64_t value) const {
  std::uint64_t out = 0;
  permute(std::span<const std::uint64_t>(&value, 1), std::span<std::uint64_t>(&out, 1));
  return out;
}

void FeistelPermutation::permute(std::span<const std::uint64_t> inputs,
                                 std::span<std::uint64_t> outputs) const {
  if (inputs.size() != outputs.size()) {
    throw ModelError("Feistel permute: " + std::to_string(inputs.size()) + " inputs but " +
                     std::to_string(outputs.size()) + " outputs");
  }
  RoundHasher hasher(blake2b_.get());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i] >= domain_size_) {
      throw ModelError("Feistel permute: input " + std::to_string(inputs[i]) +
                       " outside the domain of size " + std::to_string(domain_size_));
    }
    // A permutation of the 2h-bit space restricted by cycle walking is a permutation of the domain.
    std::uint64_t value = encrypt_with(inputs[i], keys_, half_bits_, right_mask_, hasher);
    while (value >= domain_size_) value = encrypt_with(value, keys_, half_bits_, right_mask_, hasher);
    outputs[i] = value;
  }
}

}  // namespace sealsim
