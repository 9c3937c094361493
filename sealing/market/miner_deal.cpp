// miner_deal.cpp: signing bytes and proposal CIDs.
#include "sealing/market/miner_deal.hpp"

#include "model/cid.hpp"
#include "model/sha256_trunc254.hpp"
#include "sealing/market/deal_json.hpp"

namespace sealsim::market {

std::string proposal_signing_bytes(const DealProposal& p) {
  // nlohmann's object keys are sorted, so the serialization is canonical.
  return proposal_to_json(p).dump();
}

std::string proposal_cid(const ClientDealProposal& proposal) {
  const std::string body = proposal_signing_bytes(proposal.proposal);
  const auto* b = reinterpret_cast<const std::uint8_t*>(body.data());
  const auto* s = reinterpret_cast<const std::uint8_t*>(proposal.client_signature.data());
  const Node32 digest = sha256_of_parts({ByteSpan(b, body.size()),
                                         ByteSpan(s, proposal.client_signature.size())});
  constexpr std::uint64_t kDagCbor = 0x71;
  constexpr std::uint64_t kSha2_256 = 0x12;
  return Cid{kDagCbor, kSha2_256, Bytes(digest.begin(), digest.end())}.to_string();
}

}  // namespace sealsim::market
