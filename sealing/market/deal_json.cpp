// deal_json.cpp: the deal record's JSON form (see deal_json.hpp).
#include "sealing/market/deal_json.hpp"

#include <stdexcept>

#include "model/model_error.hpp"

namespace sealsim::market {

namespace {

using nlohmann::json;

const json& field(const json& j, const char* key, const std::string& path) {
  if (!j.is_object() || !j.contains(key)) {
    throw std::runtime_error(path + "." + key + ": missing");
  }
  return j.at(key);
}

template <class T>
T get(const json& j, const char* key, const std::string& path) {
  try {
    return field(j, key, path).get<T>();
  } catch (const json::exception& e) {
    throw std::runtime_error(path + "." + key + ": " + e.what());
  }
}

TokenAmount get_amount(const json& j, const char* key, const std::string& path) {
  try {
    return TokenAmount::parse(get<std::string>(j, key, path));
  } catch (const ModelError& e) {
    throw std::runtime_error(path + "." + key + ": expected a decimal attoFIL string: " + e.what());
  }
}

DealProposal proposal_from_json(const json& j, const std::string& path) {
  DealProposal p;
  p.piece_cid = get<std::string>(j, "PieceCID", path);
  p.piece_size = PaddedPieceSize(get<std::uint64_t>(j, "PieceSize", path));
  p.verified_deal = get<bool>(j, "VerifiedDeal", path);
  p.client = get<std::string>(j, "Client", path);
  p.provider = get<std::string>(j, "Provider", path);
  p.label = get<std::string>(j, "Label", path);
  p.start_epoch = get<ChainEpoch>(j, "StartEpoch", path);
  p.end_epoch = get<ChainEpoch>(j, "EndEpoch", path);
  p.storage_price_per_epoch = get_amount(j, "StoragePricePerEpoch", path);
  p.provider_collateral = get_amount(j, "ProviderCollateral", path);
  p.client_collateral = get_amount(j, "ClientCollateral", path);
  return p;
}

}  // namespace

json proposal_to_json(const DealProposal& p) {
  return {{"PieceCID", p.piece_cid},
          {"PieceSize", p.piece_size.bytes()},
          {"VerifiedDeal", p.verified_deal},
          {"Client", p.client},
          {"Provider", p.provider},
          {"Label", p.label},
          {"StartEpoch", p.start_epoch},
          {"EndEpoch", p.end_epoch},
          {"StoragePricePerEpoch", p.storage_price_per_epoch.to_string()},
          {"ProviderCollateral", p.provider_collateral.to_string()},
          {"ClientCollateral", p.client_collateral.to_string()}};
}

json deal_to_json(const MinerDeal& d) {
  return {{"Proposal", proposal_to_json(d.proposal())},
          {"ClientSignature", d.client_deal_proposal.client_signature},
          {"ProposalCid", d.proposal_cid},
          {"AddFundsCid", d.add_funds_cid},
          {"PublishCid", d.publish_cid},
          {"Miner", d.miner_peer},
          {"Client", d.client_peer},
          {"State", deal_status_name(d.state)},
          {"PiecePath", d.piece_path},
          {"MetadataPath", d.metadata_path},
          {"SlashEpoch", d.slash_epoch},
          {"FastRetrieval", d.fast_retrieval},
          {"Message", d.message},
          {"FundsReserved", d.funds_reserved ? json(d.funds_reserved->to_string()) : json(nullptr)},
          {"Ref",
           {{"TransferType", d.ref.transfer_type},
            {"Root", d.ref.root},
            {"PieceCid", d.ref.piece_cid},
            {"PieceSize", d.ref.piece_size}}},
          {"AvailableForRetrieval", d.available_for_retrieval},
          {"DealID", d.deal_id},
          {"TransferChannelId", d.transfer_channel_id},
          {"SectorNumber", d.sector_number},
          {"StoreID", d.store_id ? json(*d.store_id) : json(nullptr)},
          {"CreationTime", d.creation_time}};
}

MinerDeal deal_from_json(const json& j) {
  const std::string path = "$";
  MinerDeal d;
  d.client_deal_proposal.proposal = proposal_from_json(field(j, "Proposal", path), path + ".Proposal");
  d.client_deal_proposal.client_signature = get<std::string>(j, "ClientSignature", path);
  d.proposal_cid = get<std::string>(j, "ProposalCid", path);
  d.add_funds_cid = get<std::string>(j, "AddFundsCid", path);
  d.publish_cid = get<std::string>(j, "PublishCid", path);
  d.miner_peer = get<std::string>(j, "Miner", path);
  d.client_peer = get<std::string>(j, "Client", path);
  const auto state_name = get<std::string>(j, "State", path);
  const auto state = deal_status_from_name(state_name);
  if (!state) {
    throw std::runtime_error(path + ".State: expected a deal status name, got \"" + state_name + "\"");
  }
  d.state = *state;
  d.piece_path = get<std::string>(j, "PiecePath", path);
  d.metadata_path = get<std::string>(j, "MetadataPath", path);
  d.slash_epoch = get<ChainEpoch>(j, "SlashEpoch", path);
  d.fast_retrieval = get<bool>(j, "FastRetrieval", path);
  d.message = get<std::string>(j, "Message", path);
  if (!field(j, "FundsReserved", path).is_null()) {
    d.funds_reserved = get_amount(j, "FundsReserved", path);
  }
  const json& ref = field(j, "Ref", path);
  d.ref.transfer_type = get<std::string>(ref, "TransferType", path + ".Ref");
  d.ref.root = get<std::string>(ref, "Root", path + ".Ref");
  d.ref.piece_cid = get<std::string>(ref, "PieceCid", path + ".Ref");
  d.ref.piece_size = get<std::uint64_t>(ref, "PieceSize", path + ".Ref");
  d.available_for_retrieval = get<bool>(j, "AvailableForRetrieval", path);
  d.deal_id = get<DealId>(j, "DealID", path);
  d.transfer_channel_id = get<std::string>(j, "TransferChannelId", path);
  d.sector_number = get<SectorNumber>(j, "SectorNumber", path);
  if (!field(j, "StoreID", path).is_null()) {
    d.store_id = get<std::uint64_t>(j, "StoreID", path);
  }
  d.creation_time = get<std::int64_t>(j, "CreationTime", path);
  return d;
}

}  // namespace sealsim::market
