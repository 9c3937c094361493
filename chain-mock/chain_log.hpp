// chain_log.hpp: the chronological log of a simulated chain: tipsets applied, null rounds,
// messages pushed/replaced/included/dropped, reorgs, injected faults and actor events. Its JSON is
// the trace that the determinism test compares byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chain-mock/chain_json.hpp"

namespace sealsim::chain {

struct ChainLogEntry {
  std::uint64_t sequence = 0;
  ChainEpoch epoch = 0;
  std::string kind;
  Json detail;
};

class ChainLog {
 public:
  void add(ChainEpoch epoch, std::string kind, Json detail);
  const std::vector<ChainLogEntry>& entries() const { return entries_; }
  std::size_t count(const std::string& kind) const;
  Json to_json() const;
  std::string dump() const { return to_json().dump(); }
  // Keeps only counts when a benchmark does not want the memory of a full trace.
  void set_enabled(bool enabled) { enabled_ = enabled; }
  // Callers skip building expensive details when nothing is recorded.
  bool enabled() const { return enabled_; }

 private:
  std::vector<ChainLogEntry> entries_;
  std::uint64_t next_sequence_ = 0;
  bool enabled_ = true;
};

}  // namespace sealsim::chain
