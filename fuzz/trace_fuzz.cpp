// trace_fuzz.cpp: the trace parsers (scenarios/trace.hpp) as `sealsim replay` meets them. The
// input is a trace file: the first line must parse as a header or be rejected with
// std::runtime_error (what replay catches), the header's scenario must load or be rejected with
// ScenarioError, and every later line must parse as an event record or give nullopt, never throw.
// What parses must survive a write/parse round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

#include "fuzz/fuzz_check.hpp"
#include "scenarios/scenario_error.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/trace.hpp"

namespace {

using sealsim::fuzz::check;
namespace sc = sealsim::scenarios;

void check_header(const std::string& line) {
  sc::TraceHeader header;
  try {
    header = sc::parse_trace_header(line);
  } catch (const std::runtime_error&) {
    return;
  }
  const sc::TraceHeader again = sc::parse_trace_header(sc::trace_header_line(header));
  check(again.scenario_name == header.scenario_name && again.scenario_file == header.scenario_file &&
            again.seed == header.seed && again.proofs == header.proofs &&
            again.scenario_text == header.scenario_text,
        "parse_trace_header(trace_header_line(h)) == h");
  try {
    (void)sc::load_scenario_text(header.scenario_text, "fuzz-input (header scenario)", ".");
  } catch (const sc::ScenarioError&) {
  }
}

void check_event(const std::string& line) {
  const std::optional<sc::TraceEvent> event = sc::parse_trace_line(line);
  if (!event) return;
  check(sc::parse_trace_line(sc::trace_line(*event)) == event, "parse_trace_line(trace_line(e)) == e");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  bool first = true;
  for (std::string line; std::getline(in, line); first = false) {
    if (first) {
      check_header(line);
    } else {
      check_event(line);
    }
  }
  return 0;
}
