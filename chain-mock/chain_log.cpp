// chain_log.cpp: log storage and its JSON.
#include "chain-mock/chain_log.hpp"

namespace sealsim::chain {

void ChainLog::add(ChainEpoch epoch, std::string kind, Json detail) {
  std::uint64_t sequence = next_sequence_++;
  if (!enabled_) return;
  entries_.push_back({sequence, epoch, std::move(kind), std::move(detail)});
}

std::size_t ChainLog::count(const std::string& kind) const {
  std::size_t n = 0;
  for (const ChainLogEntry& e : entries_) n += e.kind == kind ? std::size_t{1} : std::size_t{0};
  return n;
}

Json ChainLog::to_json() const {
  Json out = Json::array();
  for (const ChainLogEntry& e : entries_) {
    Json j;
    j["seq"] = e.sequence;
    j["epoch"] = e.epoch;
    j["kind"] = e.kind;
    j["detail"] = e.detail;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace sealsim::chain
