// sha256_parts.cpp: one-shot SHA-256 over several spans through OpenSSL's EVP interface.
#include "model/sha256_parts.hpp"

#include <openssl/evp.h>

#include <memory>

#include "model/model_error.hpp"

namespace sealsim {

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
