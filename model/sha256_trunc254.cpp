// sha256_trunc254.cpp: kernel selection for node hashing, and the general (truncated and
// multi-part) SHA-256 on OpenSSL.
#include "model/sha256_trunc254.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <memory>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

using NodePairKernel = void (*)(const std::uint8_t*, std::uint8_t*, std::size_t);

struct KernelChoice {
  NodePairKernel kernel;
  std::string_view name;
};

// Chosen once from cpuid; immutable afterwards.
const KernelChoice& kernel_choice() {
  static const KernelChoice choice =
      sha256_kernels::cpu_has_sha_ni()
          ? KernelChoice{&sha256_kernels::hash_node_pairs_sha_ni, "sha-ni"}
          : KernelChoice{&sha256_kernels::hash_node_pairs_generic, "generic"};
  return choice;
}

}  // namespace

Node32 hash_node_pair(const Node32& left, const Node32& right) {
  std::uint8_t message[64];
  std::copy(left.begin(), left.end(), message);
  std::copy(right.begin(), right.end(), message + 32);
  Node32 parent;
  kernel_choice().kernel(message, parent.data(), 1);
  return parent;
}

void hash_node_pairs(const std::uint8_t* children, std::uint8_t* parents,
                     std::size_t parent_count) {
  kernel_choice().kernel(children, parents, parent_count);
}

Node32 sha256_trunc254(ByteSpan message) {
  Node32 digest;
  SHA256(message.data(), message.size(), digest.data());
  digest[31] &= 0x3f;
  return digest;
}

std::string_view sha256_implementation() { return kernel_choice().name; }

Node32 sha256_of_parts(std::initializer_list<ByteSpan> parts) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    throw ModelError("OpenSSL SHA-256 initialisation failed");
  }
  for (ByteSpan part : parts) {
    if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) {
      throw ModelError("OpenSSL SHA-256 update failed");
    }
  }
  Node32 digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1 || length != digest.size()) {
    throw ModelError("OpenSSL SHA-256 finalisation failed");
  }
  return digest;
}

}  // namespace sealsim
