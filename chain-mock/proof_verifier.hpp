// proof_verifier.hpp: the interface through which the miner actor checks seal proofs, aggregates
// and window PoSts. The mock verifier (mock_proof_verifier.hpp) recomputes keyed mock proofs; a
// verifier backed by the real proof code plugs in here later.
#pragma once

#include <vector>

#include "chain-mock/address.hpp"
#include "model/bytes.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

// proof.SealVerifyInfo: everything a seal proof commits to.
struct SealVerifyInfo {
  RegisteredSealProof seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  SectorId sector;
  Node32 ticket{};  // Randomness
  Node32 seed{};    // InteractiveRandomness
  Node32 sealed_cid{};    // raw CommR
  Node32 unsealed_cid{};  // raw CommD
  Bytes proof;
};

struct AggregateSealVerifyInfo {
  RegisteredSealProof seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  std::vector<SealVerifyInfo> infos;  // sorted by sector number; their proof fields are unused
  Bytes aggregate_proof;
};

struct WindowPoStVerifyInfo {
  ActorId miner = 0;
  std::vector<SectorNumber> sectors;
  Node32 randomness{};
  Bytes proof;
};

class ProofVerifier {
 public:
  virtual ~ProofVerifier() = default;
  virtual bool verify_seal(const SealVerifyInfo& info) const = 0;
  virtual bool verify_aggregate_seals(const AggregateSealVerifyInfo& info) const = 0;
  virtual bool verify_window_post(const WindowPoStVerifyInfo& info) const = 0;
};

}  // namespace sealsim::chain
