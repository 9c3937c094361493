// sector_log.cpp: Lotus's log message truncation and log splice (spec §2.2).
#include "sealing/sector_log.hpp"

#include <iterator>

namespace sealsim::sealing {

std::string truncate_log_message(std::string message) {
  if (message.size() > kMaxLogMessageBytes) {
    message.resize(kMaxLogMessageBytes);
    message += "... truncated";
  }
  return message;
}

void append_log_entry(std::vector<SectorLogEntry>& log, SectorLogEntry entry) {
  if (log.size() > kMaxLogEntries) {
    // Lotus writes a marker at index 2000 and then splices [:2000] ++ [6000:], which drops the
    // marker with the rest of 2000..5999 (Q15).
    constexpr std::ptrdiff_t kKeepHead = 2000;
    constexpr std::ptrdiff_t kResumeAt = 6000;
    log.erase(std::next(log.begin(), kKeepHead), std::next(log.begin(), kResumeAt));
  }
  log.push_back(std::move(entry));
}

}  // namespace sealsim::sealing
