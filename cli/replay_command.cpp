// replay_command.cpp: `sealsim replay TRACE`: re-runs the scenario kept in a trace's header with
// its seed and proofs backend, and compares the new trace with the file line by line; prints the
// first divergence. Exit 0 identical, 1 diverged, 2 not a readable sealsim trace.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/scenario_output.hpp"
#include "cli/subcommands.hpp"
#include "scenarios/engine.hpp"
#include "scenarios/scenario_loader.hpp"

namespace sealsim::cli {

namespace po = boost::program_options;

int run_replay(const Arguments& args) {
  const CommandSpec spec{"replay", "sealsim replay TRACE",
                         "Re-runs the scenario recorded in TRACE's header (same seed and proofs backend)\n"
                         "and reports the first record where the new run differs from TRACE."};
  po::options_description options("options");
  options.add_options()("trace", po::value<std::string>()->required(), "a trace written by sealsim run --trace");
  po::positional_options_description positional;
  positional.add("trace", 1);
  auto variables = parse_command_line(spec, args, options, positional);
  if (!variables) return kExitOk;
  const std::filesystem::path path = (*variables)["trace"].as<std::string>();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read the trace file '" + path.string() + "'");
  std::vector<std::string> recorded;
  for (std::string line; std::getline(in, line);) recorded.push_back(line);
  if (recorded.empty()) throw UsageError(path.string() + ": empty trace file");
  scenarios::TraceHeader header;
  try {
    header = scenarios::parse_trace_header(recorded.front());
  } catch (const std::runtime_error& e) {
    throw UsageError(path.string() + ":1: " + e.what());
  }
  // Relative payload references resolve against the original scenario's folder when it still
  // exists, else against the trace's.
  std::filesystem::path folder = std::filesystem::path(header.scenario_file).parent_path();
  if (folder.empty() || !std::filesystem::is_directory(folder)) folder = path.has_parent_path() ? path.parent_path() : ".";
  scenarios::Scenario scenario;
  try {
    scenario = scenarios::load_scenario_text(header.scenario_text, path.string() + " (header scenario)", folder);
  } catch (const scenarios::ScenarioError& e) {
    throw UsageError(e.what());
  }
  scenarios::RunOptions options_run;
  options_run.seed = header.seed;
  options_run.proofs = header.proofs == "cpu"    ? scenarios::ProofsBackend::Cpu
                       : header.proofs == "cuda" ? scenarios::ProofsBackend::Cuda
                                                 : scenarios::ProofsBackend::Mock;
  require_proofs_backend_available(scenarios::proofs_name(*options_run.proofs), "trace " + path.string());
  options_run.scenario_label = header.scenario_file;
  std::ostringstream replayed_text;
  options_run.trace_out = &replayed_text;
  const scenarios::RunResult result = scenarios::run_scenario(scenario, options_run);
  std::vector<std::string> replayed;
  std::istringstream lines(replayed_text.str());
  for (std::string line; std::getline(lines, line);) replayed.push_back(line);
  for (std::size_t i = 0; i < std::max(recorded.size(), replayed.size()); ++i) {
    const std::string* was = i < recorded.size() ? &recorded[i] : nullptr;
    const std::string* now = i < replayed.size() ? &replayed[i] : nullptr;
    if (was != nullptr && now != nullptr && *was == *now) continue;
    std::cout << "DIVERGED at " << path.string() << ":" << i + 1 << "\n"
              << "  recorded: " << (was ? *was : std::string("(end of trace)")) << "\n"
              << "  replayed: " << (now ? *now : std::string("(end of run)")) << "\n";
    return kExitFailed;
  }
  std::cout << "IDENTICAL " << recorded.size() << " records, trace hash " << result.trace_hash << "\n";
  print_run_summary(std::cout, result);
  return kExitOk;
}

}  // namespace sealsim::cli
