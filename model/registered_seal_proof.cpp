#include "model/registered_seal_proof.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

constexpr std::uint64_t KiB = 1024;
constexpr std::uint64_t MiB = 1024 * KiB;
constexpr std::uint64_t GiB = 1024 * MiB;

// Small sectors: 2 layers, one base tree, 1 partition of 2 challenges; 32/64 GiB: 11 layers,
// 10 partitions of 18 (minimum 176). Window/winning PoSt ids and partition sectors from the
// actors policy (go-state-types builtin SealProofPolicies).
#define SEALSIM_PROOF(NAME, LABEL, SIZE, API, LAYERS, SHAPE, PARTS, PER, MIN, WPS, WPOST, WINPOST) \
  SealProofInfo{RegisteredSealProof::NAME, #NAME, LABEL, SIZE, ProofsApiVersion::API, LAYERS, 6, 8, \
                SHAPE, PARTS, PER, MIN, 192 * PARTS, WPS, WPOST, WINPOST}

constexpr TreeShape kShape8{8, 0, 0, 1};
constexpr TreeShape kShape8_8{8, 8, 0, 8};
constexpr TreeShape kShape8_8_2{8, 8, 2, 16};

constexpr std::array<SealProofInfo, 10> kProofs = {
    SEALSIM_PROOF(StackedDrg2KiBV1, "2KiB", 2 * KiB, V1_0, 2, kShape8, 1, 2, 2, 2, 5, 0),
    SEALSIM_PROOF(StackedDrg8MiBV1, "8MiB", 8 * MiB, V1_0, 2, kShape8, 1, 2, 2, 2, 6, 1),
    SEALSIM_PROOF(StackedDrg512MiBV1, "512MiB", 512 * MiB, V1_0, 2, kShape8, 1, 2, 2, 2, 7, 2),
    SEALSIM_PROOF(StackedDrg32GiBV1, "32GiB", 32 * GiB, V1_0, 11, kShape8_8, 10, 18, 176, 2349, 8, 3),
    SEALSIM_PROOF(StackedDrg64GiBV1, "64GiB", 64 * GiB, V1_0, 11, kShape8_8_2, 10, 18, 176, 2300, 9, 4),
    SEALSIM_PROOF(StackedDrg2KiBV1_1, "2KiB", 2 * KiB, V1_1, 2, kShape8, 1, 2, 2, 2, 5, 0),
    SEALSIM_PROOF(StackedDrg8MiBV1_1, "8MiB", 8 * MiB, V1_1, 2, kShape8, 1, 2, 2, 2, 6, 1),
    SEALSIM_PROOF(StackedDrg512MiBV1_1, "512MiB", 512 * MiB, V1_1, 2, kShape8, 1, 2, 2, 2, 7, 2),
    SEALSIM_PROOF(StackedDrg32GiBV1_1, "32GiB", 32 * GiB, V1_1, 11, kShape8_8, 10, 18, 176, 2349, 8, 3),
    SEALSIM_PROOF(StackedDrg64GiBV1_1, "64GiB", 64 * GiB, V1_1, 11, kShape8_8_2, 10, 18, 176, 2300, 9, 4),
};
#undef SEALSIM_PROOF

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::span<const SealProofInfo> all_seal_proofs() { return kProofs; }

const SealProofInfo& seal_proof_info(RegisteredSealProof proof) {
  auto id = static_cast<std::int64_t>(proof);
  if (id < 0 || id >= static_cast<std::int64_t>(kProofs.size())) {
    throw ModelError("unknown registered seal proof id " + std::to_string(id));
  }
  return kProofs[static_cast<std::size_t>(id)];
}

std::optional<RegisteredSealProof> seal_proof_from_id(std::int64_t id) {
  if (id < 0 || id >= static_cast<std::int64_t>(kProofs.size())) return std::nullopt;
  return kProofs[static_cast<std::size_t>(id)].proof;
}

RegisteredSealProof parse_seal_proof(std::string_view text) {
  std::string wanted = lower(text);
  for (const SealProofInfo& info : kProofs) {
    std::string label = lower(info.size_label);
    bool v1_1 = info.api_version == ProofsApiVersion::V1_1;
    if (wanted == lower(info.name) || (v1_1 && (wanted == label || wanted == label + "-v1.1")) ||
        (!v1_1 && wanted == label + "-v1")) {
      return info.proof;
    }
  }
  std::string known;
  for (const SealProofInfo& info : kProofs) {
    known += (known.empty() ? "" : ", ") + std::string(info.name);
  }
  throw ModelError("unknown seal proof '" + std::string(text) + "' (expected one of " + known +
                   ", or a size such as 2KiB, 8MiB-v1)");
}

RegisteredSealProof seal_proof_for_sector_size(std::uint64_t sector_size) {
  for (const SealProofInfo& info : kProofs) {
    if (info.api_version == ProofsApiVersion::V1_1 && info.sector_size == sector_size) {
      return info.proof;
    }
  }
  throw ModelError("no registered seal proof for sector size " + std::to_string(sector_size));
}

Node32 porep_id(RegisteredSealProof proof) {
  Node32 id{};
  auto value = static_cast<std::uint64_t>(seal_proof_info(proof).proof);
  for (unsigned i = 0; i < 8; ++i) id[i] = static_cast<std::uint8_t>(value >> (8 * i));
  return id;
}

}  // namespace sealsim
