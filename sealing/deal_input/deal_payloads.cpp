// deal_payloads.cpp: the deals' piece bytes for the sector manager.
#include "sealing/deal_input/deal_payloads.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace sealsim::sealing {

void DealPayloads::put(DealId deal, Bytes payload, const Node32& piece_commitment) {
  payloads_.insert_or_assign(deal, Payload{std::move(payload), piece_commitment});
}

void DealPayloads::drop(DealId deal) { payloads_.erase(deal); }

const DealPayloads::Payload& DealPayloads::find(DealId deal, UnpaddedPieceSize size) const {
  const auto it = payloads_.find(deal);
  if (it == payloads_.end()) {
    throw std::runtime_error("piece data of deal " + std::to_string(deal) +
                             " is not held (never handed over, or already answered)");
  }
  if (it->second.bytes.size() != size.bytes()) {
    throw std::runtime_error("piece data of deal " + std::to_string(deal) + " has " +
                             std::to_string(it->second.bytes.size()) + " bytes, AddPiece asked for " +
                             std::to_string(size.bytes()));
  }
  return it->second;
}

Bytes DealPayloads::deal_bytes(DealId deal, UnpaddedPieceSize size) { return find(deal, size).bytes; }

Node32 DealPayloads::deal_commitment(DealId deal, UnpaddedPieceSize size) {
  return find(deal, size).commitment;
}

}  // namespace sealsim::sealing
