// trace.hpp: the run's trace: JSON Lines, a header record holding the scenario (for `sealsim
// replay`) and then one record per event with a stable field order and no wall-clock values, and
// a SHA-256 over every line written (the trace hash CI compares between two runs; the header's
// scenario file path is left out of it).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "model/sector_id.hpp"

namespace sealsim::scenarios {

struct TraceEvent {
  ChainEpoch epoch = 0;
  std::string component;  // "timeline", "chain", "sealing", "invariant", "engine"
  std::optional<SectorNumber> sector;
  std::optional<DealId> deal;
  std::string event;
  std::string from;  // state before (sealing records), else empty
  std::string to;    // state after
  std::string details;
  friend bool operator==(const TraceEvent&, const TraceEvent&) = default;
};

// One JSON line (no newline), fields in the order of TraceEvent; empty optional fields omitted.
std::string trace_line(const TraceEvent& event);
// Parses a line written by trace_line; nullopt if it is not an event record.
std::optional<TraceEvent> parse_trace_line(const std::string& line);

struct TraceHeader {
  std::string scenario_name;
  std::string scenario_file;  // as given on the command line
  std::uint64_t seed = 0;
  std::string proofs;
  std::string scenario_text;  // the scenario file's bytes
};

std::string trace_header_line(const TraceHeader& header);
// Throws std::runtime_error when the line is not a sealsim trace header.
TraceHeader parse_trace_header(const std::string& line);

class Trace {
 public:
  // `out` may be null (hash and in-memory records only).
  explicit Trace(std::ostream* out);
  ~Trace();
  Trace(const Trace&) = delete;
  Trace& operator=(const Trace&) = delete;

  void header(const TraceHeader& header);
  void add(TraceEvent event);
  const std::vector<TraceEvent>& events() const { return events_; }
  // Hex SHA-256 of every line written so far (each with its newline; the header's scenario_file
  // field counts as empty).
  std::string hash() const;

 private:
  void write(const std::string& line, const std::string& hashed);
  std::ostream* out_;
  struct Digest;
  std::unique_ptr<Digest> digest_;
  std::vector<TraceEvent> events_;
};

}  // namespace sealsim::scenarios
