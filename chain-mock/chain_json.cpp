// chain_json.cpp: JSON views of chain values.
#include "chain-mock/chain_json.hpp"

#include <type_traits>

#include "chain-mock/randomness.hpp"

namespace sealsim::chain {
namespace {

Json numbers(const std::vector<std::uint64_t>& values) {
  Json out = Json::array();
  for (std::uint64_t v : values) out.push_back(v);
  return out;
}

// A std::set or a CowSet of sector numbers, ascending.
template <class SectorSet>
Json number_set(const SectorSet& values) {
  Json out = Json::array();
  for (SectorNumber v : values) out.push_back(v);
  return out;
}

Json declarations(const std::vector<SectorDeclaration>& decls) {
  Json out = Json::array();
  for (const SectorDeclaration& d : decls) {
    Json j;
    j["deadline"] = d.deadline;
    j["partition"] = d.partition;
    j["sectors"] = numbers(d.sectors);
    out.push_back(std::move(j));
  }
  return out;
}

Json precommit_json(const SectorPreCommitInfo& p) {
  Json j;
  j["seal_proof"] = std::string(seal_proof_info(p.seal_proof).name);
  j["sector_number"] = p.sector_number;
  j["sealed_cid"] = hex32(p.sealed_cid);
  j["seal_rand_epoch"] = p.seal_rand_epoch;
  j["deal_ids"] = numbers(p.deal_ids);
  j["expiration"] = p.expiration;
  return j;
}

Json proposal_json(const DealProposal& p) {
  Json j;
  j["piece_cid"] = hex32(p.piece_cid);
  j["piece_size"] = p.piece_size.bytes();
  j["verified_deal"] = p.verified_deal;
  j["client"] = p.client.to_string();
  j["provider"] = p.provider.to_string();
  j["label"] = p.label;
  j["start_epoch"] = p.start_epoch;
  j["end_epoch"] = p.end_epoch;
  j["storage_price_per_epoch"] = p.storage_price_per_epoch.to_string();
  j["provider_collateral"] = p.provider_collateral.to_string();
  j["client_collateral"] = p.client_collateral.to_string();
  return j;
}

const char* deal_status_name(DealStatus status) {
  switch (status) {
    case DealStatus::Published: return "published";
    case DealStatus::Activated: return "activated";
    case DealStatus::Slashed: return "slashed";
    case DealStatus::Expired: return "expired";
  }
  return "unknown";
}

Json deal_json(DealId id, const MarketDeal& d) {
  Json j;
  j["id"] = id;
  j["status"] = deal_status_name(d.status);
  j["publish_epoch"] = d.publish_epoch;
  j["sector_start_epoch"] = d.state.sector_start_epoch;
  j["slash_epoch"] = d.state.slash_epoch;
  j["proposal"] = proposal_json(d.proposal);
  return j;
}

}  // namespace

std::string hex32(const Node32& node) { return to_hex(as_span(node)); }

Json params_json(const MessageParams& params) {
  return std::visit(
      [](const auto& p) -> Json {
        using T = std::decay_t<decltype(p)>;
        Json j;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, PreCommitSectorParams>) {
          return precommit_json(p);
        } else if constexpr (std::is_same_v<T, PreCommitSectorBatchParams>) {
          j["sectors"] = Json::array();
          for (const auto& s : p.sectors) j["sectors"].push_back(precommit_json(s));
        } else if constexpr (std::is_same_v<T, ProveCommitSectorParams>) {
          j["sector_number"] = p.sector_number;
          j["proof"] = to_hex(p.proof);
        } else if constexpr (std::is_same_v<T, ProveCommitAggregateParams>) {
          j["sector_numbers"] = numbers(p.sector_numbers);
          j["aggregate_proof_sha256"] = hex32(sha256(p.aggregate_proof));
        } else if constexpr (std::is_same_v<T, TerminateSectorsParams>) {
          j["terminations"] = declarations(p.terminations);
        } else if constexpr (std::is_same_v<T, DeclareFaultsParams>) {
          j["faults"] = declarations(p.faults);
        } else if constexpr (std::is_same_v<T, DeclareFaultsRecoveredParams>) {
          j["recoveries"] = declarations(p.recoveries);
        } else if constexpr (std::is_same_v<T, SubmitWindowedPoStParams>) {
          j["deadline"] = p.deadline;
          j["partitions"] = numbers(p.partitions);
          j["proof"] = to_hex(p.proof);
        } else if constexpr (std::is_same_v<T, WithdrawMinerBalanceParams>) {
          j["amount"] = p.amount.to_string();
        } else if constexpr (std::is_same_v<T, PublishStorageDealsParams>) {
          j["deals"] = Json::array();
          for (const auto& d : p.deals) {
            Json deal;
            deal["proposal"] = proposal_json(d.proposal);
            deal["signature_valid"] = d.signature_valid;
            j["deals"].push_back(std::move(deal));
          }
        } else if constexpr (std::is_same_v<T, AddBalanceParams>) {
          j["address"] = p.address.to_string();
        } else if constexpr (std::is_same_v<T, WithdrawBalanceParams>) {
          j["address"] = p.address.to_string();
          j["amount"] = p.amount.to_string();
        }
        return j;
      },
      params);
}

Json message_json(const Message& m) {
  Json j;
  j["from"] = m.from.to_string();
  j["to"] = m.to.to_string();
  j["nonce"] = m.nonce;
  j["value"] = m.value.to_string();
  j["gas_limit"] = m.gas_limit;
  j["gas_fee_cap"] = m.gas_fee_cap.to_string();
  j["gas_premium"] = m.gas_premium.to_string();
  j["method"] = m.method;
  j["params"] = params_json(m.params);
  return j;
}

MessageCid message_cid(const Message& message) {
  std::string text = message_json(message).dump();
  return sha256(ByteSpan(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Json receipt_json(const MessageReceipt& r) {
  Json j;
  j["exit_code"] = exit_code_value(r.exit_code);
  j["exit_code_name"] = std::string(exit_code_name(r.exit_code));
  j["gas_used"] = r.gas_used;
  if (const auto* publish = std::get_if<PublishStorageDealsReturn>(&r.return_value)) {
    j["return"] = {{"ids", numbers(publish->ids)}, {"valid_deals", numbers(publish->valid_deals)}};
  } else if (const auto* terminate = std::get_if<TerminateSectorsReturn>(&r.return_value)) {
    j["return"] = {{"done", terminate->done}};
  } else {
    j["return"] = nullptr;
  }
  j["error"] = r.error;
  return j;
}

Json tipset_json(const TipSet& ts) {
  Json j;
  j["height"] = ts.height;
  j["key"] = ts.key.to_string();
  j["parent"] = ts.parent.to_string();
  j["parent_height"] = ts.parent_height;
  j["branch"] = ts.branch;
  j["timestamp"] = ts.timestamp;
  j["ticket"] = hex32(ts.ticket);
  j["beacon"] = hex32(ts.beacon);
  j["messages"] = Json::array();
  for (const MessageCid& c : ts.messages) j["messages"].push_back(hex32(c));
  return j;
}

Json miner_state_json(const MinerState& m) {
  Json j;
  j["owner"] = m.info.owner.to_string();
  j["worker"] = m.info.worker.to_string();
  j["seal_proof"] = std::string(seal_proof_info(m.info.seal_proof_type).name);
  j["proving_period_offset"] = m.proving_period_offset;
  j["precommit_deposits"] = m.precommit_deposits.to_string();
  j["initial_pledge"] = m.initial_pledge.to_string();
  j["allocated_sectors"] = number_set(m.allocated_sectors);
  j["precommits"] = Json::array();
  for (const auto& [n, pc] : m.precommits) {
    Json p = precommit_json(pc.info);
    p["precommit_epoch"] = pc.precommit_epoch;
    p["precommit_deposit"] = pc.precommit_deposit.to_string();
    j["precommits"].push_back(std::move(p));
  }
  j["sectors"] = Json::array();
  for (const auto& [n, s] : m.sectors) {
    Json sj;
    sj["sector_number"] = n;
    sj["sealed_cid"] = hex32(s.sealed_cid);
    sj["deal_ids"] = numbers(s.deal_ids);
    sj["activation"] = s.activation;
    sj["expiration"] = s.expiration;
    sj["initial_pledge"] = s.initial_pledge.to_string();
    j["sectors"].push_back(std::move(sj));
  }
  j["deadlines"] = Json::array();
  for (std::size_t d = 0; d < m.deadlines.size(); ++d) {
    if (m.deadlines[d].partitions.empty()) continue;
    Json dj;
    dj["index"] = d;
    dj["partitions"] = Json::array();
    for (const Partition& p : m.deadlines[d].partitions) {
      dj["partitions"].push_back({{"sectors", number_set(p.sectors)},
                                  {"faults", number_set(p.faults)},
                                  {"recoveries", number_set(p.recoveries)},
                                  {"terminated", number_set(p.terminated)}});
    }
    j["deadlines"].push_back(std::move(dj));
  }
  return j;
}

Json market_state_json(const MarketState& market) {
  Json j;
  j["balances"] = Json::array();
  for (const auto& [id, e] : market.balances) {
    j["balances"].push_back({{"address", Address{id}.to_string()}, {"escrow", e.escrow.to_string()}, {"locked", e.locked.to_string()}});
  }
  j["deals"] = Json::array();
  for (const auto& [id, d] : market.deals) j["deals"].push_back(deal_json(id, d));
  j["closed_deals"] = Json::array();
  for (const auto& [id, d] : market.closed_deals) j["closed_deals"].push_back(deal_json(id, d));
  j["next_deal_id"] = market.next_deal_id;
  return j;
}

Json state_tree_json(const StateTree& state) {
  Json j;
  j["actors"] = Json::array();
  for (const auto& [id, a] : state.actors) {
    j["actors"].push_back({{"address", Address{id}.to_string()}, {"balance", a.balance.to_string()}, {"nonce", a.nonce}});
  }
  j["miners"] = Json::array();
  for (const auto& [id, m] : state.miners) {
    Json mj = miner_state_json(m);
    mj["address"] = Address{id}.to_string();
    j["miners"].push_back(std::move(mj));
  }
  j["market"] = market_state_json(state.market);
  return j;
}

}  // namespace sealsim::chain
