// sector_log.hpp: the sector log (spec §2.2): one entry per planned event plus the typed findings
// sealsim records where Lotus would halt or crash, with Lotus's truncation rule.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sealsim::sealing {

struct SectorLogEntry {
  std::uint64_t timestamp = 0;  // simulated unix seconds
  std::string trace;            // formatted error of an error-carrying event
  std::string message;          // JSON of the event ({"User":{...}}), truncated to 8000 bytes
  std::string kind;             // "event;sealing.SectorPacked", or "finding;<FindingKind>"
  friend bool operator==(const SectorLogEntry&, const SectorLogEntry&) = default;
};

inline constexpr std::size_t kMaxLogMessageBytes = 8000;
inline constexpr std::size_t kMaxLogEntries = 8000;

// Truncates to 8000 bytes plus "... truncated", as Lotus does.
std::string truncate_log_message(std::string message);
// Lotus's append: when the log holds more than 8000 entries, entries 2000..5999 are dropped
// before appending; the intended "truncating log" marker is overwritten by the splice (Q15), so
// none survives.
void append_log_entry(std::vector<SectorLogEntry>& log, SectorLogEntry entry);

}  // namespace sealsim::sealing
