// scenario_fuzz.cpp: the scenario loader (scenarios/scenario_loader.hpp, load_scenario_text).
// Any text must load or be rejected with ScenarioError (file, line, column, JSON path); any other
// exception or a crash is a bug. Relative payload paths resolve against the working directory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_check.hpp"
#include "scenarios/scenario_error.hpp"
#include "scenarios/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)sealsim::scenarios::load_scenario_text(std::move(text), "fuzz-input", ".");
  } catch (const sealsim::scenarios::ScenarioError& e) {
    sealsim::fuzz::check(!e.problems().empty(), "a ScenarioError names at least one problem");
  }
  return 0;
}
