// vanilla_proof_chain.cpp: chain-mock's checks of wrapped vanilla proofs, and their aggregate.
#include "scenarios/vanilla_proof_chain.hpp"

#include <exception>
#include <optional>
#include <string>

#include "model/cid.hpp"
#include "model/replica_id.hpp"
#include "sealing/storage/cpu_proof_backend.hpp"

namespace sealsim::scenarios {
namespace {

constexpr std::size_t kLengthBytes = 8;

void put_length(Bytes& out, std::uint64_t length) {
  for (std::size_t i = 0; i < kLengthBytes; ++i) out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
}

// The aggregate's proofs; nullopt when the bytes are not a sequence of length-prefixed proofs.
std::optional<std::vector<ByteSpan>> split_aggregate(ByteSpan aggregate) {
  std::vector<ByteSpan> proofs;
  std::size_t at = 0;
  while (at < aggregate.size()) {
    if (aggregate.size() - at < kLengthBytes) return std::nullopt;
    std::uint64_t length = 0;
    for (std::size_t i = 0; i < kLengthBytes; ++i) length |= std::uint64_t{aggregate[at + i]} << (8 * i);
    at += kLengthBytes;
    if (length > aggregate.size() - at) return std::nullopt;
    proofs.push_back(aggregate.subspan(at, static_cast<std::size_t>(length)));
    at += static_cast<std::size_t>(length);
  }
  return proofs;
}

}  // namespace

bool VanillaChainVerifier::check(const chain::SealVerifyInfo& info, ByteSpan wrapped, const char* what) const {
  SealProofVerdict verdict{info.sector.number, false, {}};
  try {
    const ByteSpan vanilla = sealing::unwrap_vanilla_c2_proof(wrapped);
    const SealVerifyInputs inputs{info.seal_proof,     prover_id_from_actor(info.sector.miner),
                                  info.sector.number,  info.ticket,
                                  info.seed,           info.unsealed_cid,
                                  info.sealed_cid};
    const VanillaVerification result = vanilla_.verify_bytes(vanilla, inputs);
    verdict.valid = result.valid;
    verdict.details = std::string(what) + ": vanilla proofs (" + std::to_string(vanilla.size()) + " bytes) " +
                      (result.valid ? "verified" : "failed: " + result.reason);
  } catch (const std::exception& error) {
    verdict.details = std::string(what) + ": " + error.what();
  }
  // The public values checked against, so a reader can re-seal the sector independently.
  verdict.details += "; CommD " + commitment_to_cid(CommitmentKind::Unsealed, info.unsealed_cid).to_string() +
                     ", CommR " + commitment_to_cid(CommitmentKind::Sealed, info.sealed_cid).to_string() +
                     ", ticket " + to_hex(ByteSpan(info.ticket)) + ", seed " + to_hex(ByteSpan(info.seed));
  verdicts_.push_back(verdict);
  return verdict.valid;
}

bool VanillaChainVerifier::verify_seal(const chain::SealVerifyInfo& info) const {
  return check(info, info.proof, "ProveCommitSector");
}

bool VanillaChainVerifier::verify_aggregate_seals(const chain::AggregateSealVerifyInfo& info) const {
  const auto proofs = split_aggregate(info.aggregate_proof);
  if (info.infos.empty() || !proofs || proofs->size() != info.infos.size()) {
    for (const auto& sector : info.infos) {
      verdicts_.push_back({sector.sector.number, false,
                           "ProveCommitAggregate: not one length-prefixed vanilla proof per sector (" +
                               std::to_string(proofs ? proofs->size() : 0) + " proofs for " +
                               std::to_string(info.infos.size()) + " sectors)"});
    }
    return false;
  }
  bool all = true;
  for (std::size_t i = 0; i < info.infos.size(); ++i) {
    chain::SealVerifyInfo sector = info.infos[i];
    sector.seal_proof = info.seal_proof;
    all = check(sector, (*proofs)[i], "ProveCommitAggregate") && all;
  }
  return all;
}

bool VanillaChainVerifier::verify_window_post(const chain::WindowPoStVerifyInfo& info) const {
  return window_post_.verify_window_post(info);
}

std::vector<SealProofVerdict> VanillaChainVerifier::take_verdicts() {
  std::vector<SealProofVerdict> out;
  out.swap(verdicts_);
  return out;
}

sealing::Result<Bytes> VanillaAggregateProver::aggregate_seal_proofs(const sealing::AggregateSealRequest& request,
                                                                     const std::vector<Bytes>& proofs) {
  if (proofs.size() != request.infos.size() || proofs.empty()) {
    return sealing::Result<Bytes>::fail("aggregate: " + std::to_string(proofs.size()) + " proofs for " +
                                        std::to_string(request.infos.size()) + " sectors");
  }
  Bytes out;
  for (const Bytes& proof : proofs) {
    put_length(out, proof.size());
    out.insert(out.end(), proof.begin(), proof.end());
  }
  return sealing::Result<Bytes>::ok(std::move(out));
}

}  // namespace sealsim::scenarios
