// run_command.cpp: `sealsim run`: loads every scenario first (any bad one is exit 2 before anything
// runs), runs each on the simulated clock, prints a progress line on a terminal and a closing
// summary with every failed expectation and why; exit 1 when any scenario fails.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/scenario_output.hpp"
#include "cli/subcommands.hpp"
#include "reports/html_report.hpp"
#include "reports/json_summary.hpp"
#include "scenarios/engine.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/transition_coverage.hpp"

namespace sealsim::cli {

namespace po = boost::program_options;

std::optional<scenarios::ProofsBackend> parse_proofs_option(const po::variables_map& variables) {
  if (variables.count("proofs") == 0) return std::nullopt;
  const std::string p = variables["proofs"].as<std::string>();
  if (p == "mock") return scenarios::ProofsBackend::Mock;
  if (p == "cpu") return scenarios::ProofsBackend::Cpu;
  if (p == "cuda") return scenarios::ProofsBackend::Cuda;
  throw UsageError("--proofs must be mock, cpu or cuda, not '" + p + "'");
}

int run_run(const Arguments& args) {
  const CommandSpec spec{
      "run", "sealsim run SCENARIO... [--seed N] [--proofs mock|cpu|cuda] [--allow-large] [--trace FILE] [--report DIR] [--json]",
      "Runs scenario files on the simulated clock and checks their expectations.\n"
      "Exit status: 0 all expectations hold, 1 a scenario failed (each failure is printed\n"
      "with its explanation), 2 bad input (the message names the file, line and JSON path).\n"
      "--trace FILE writes the JSON Lines trace (with several scenarios FILE is a folder\n"
      "that receives NAME.trace.jsonl); --report DIR writes NAME.html and NAME.json.\n"
      "--coverage FILE adds the (state, event) planner rows and handler branches hit to FILE's\n"
      "counts (see 'sealsim coverage report').\n"
      "--allow-large lets proofs: cpu seal 32 GiB and 64 GiB sectors (refused otherwise: they\n"
      "need hundreds of GiB of memory and hours)."};
  po::options_description options("options");
  options.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files")(
      "seed", po::value<std::uint64_t>(), "override every scenario's seed")(
      "proofs", po::value<std::string>(), "override the proofs backend: mock, cpu or cuda")(
      "allow-large", "let real proofs (cpu) seal 32 GiB and 64 GiB sectors")(
      "trace", po::value<std::string>(), "write the JSON Lines trace here")(
      "report", po::value<std::string>(), "write an HTML report and a JSON summary per scenario here")(
      "json", "print one JSON summary line per scenario instead of text")(
      "coverage", po::value<std::string>(), "add the planner rows and handler branches hit to this JSON file");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  auto variables = parse_command_line(spec, args, options, positional);
  if (!variables) return kExitOk;
  if (variables->count("scenario") == 0) throw UsageError("no scenario file given (see 'sealsim run --help')");
  const auto files = (*variables)["scenario"].as<std::vector<std::string>>();

  std::vector<scenarios::Scenario> loaded;
  for (const auto& file : files) {
    try {
      loaded.push_back(scenarios::load_scenario_file(file));
    } catch (const scenarios::ScenarioError& e) {
      throw UsageError(e.what());
    }
  }
  if (variables->count("coverage") != 0) {
    try {
      scenarios::load_coverage_file((*variables)["coverage"].as<std::string>());  // bad input before any run
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  // A backend that cannot run here is bad input for every scenario that chose it: exit 2 first.
  const std::optional<scenarios::ProofsBackend> proofs_override = parse_proofs_option(*variables);
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    require_proofs_backend_available(scenarios::proofs_name(proofs_override.value_or(loaded[i].proofs)),
                                     proofs_override ? std::string("--proofs") : "scenario " + files[i]);
  }
  const bool json = variables->count("json") != 0;
  const bool progress = !json && ::isatty(STDOUT_FILENO) != 0;
  std::size_t passed = 0;
  sealing::RowCoverage row_coverage;
  sealing::BranchCoverage branch_coverage;
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    scenarios::RunOptions run_options;
    if (variables->count("seed") != 0) run_options.seed = (*variables)["seed"].as<std::uint64_t>();
    run_options.proofs = parse_proofs_option(*variables);
    run_options.allow_large_sectors = variables->count("allow-large") != 0;
    run_options.scenario_label = files[i];
    std::ofstream trace_file;
    if (variables->count("trace") != 0) {
      std::filesystem::path path = (*variables)["trace"].as<std::string>();
      if (loaded.size() > 1) {
        std::filesystem::create_directories(path);
        path /= loaded[i].name + ".trace.jsonl";
      }
      if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
      trace_file.open(path, std::ios::binary | std::ios::trunc);
      if (!trace_file) throw UsageError("cannot write the trace file " + path.string());
      run_options.trace_out = &trace_file;
    }
    if (progress) run_options.progress = print_progress_line;
    if (variables->count("coverage") != 0) {
      run_options.coverage = &row_coverage;
      run_options.branch_coverage = &branch_coverage;
    }
    const scenarios::RunResult result = scenarios::run_scenario(loaded[i], run_options);
    if (progress) std::cout << "\r\033[K" << std::flush;
    if (variables->count("report") != 0) {
      reports::write_run_report(result, (*variables)["report"].as<std::string>());
    }
    if (json) {
      std::cout << reports::run_summary_json(result).dump() << "\n";
    } else {
      print_run_summary(std::cout, result);
    }
    passed += result.passed() ? 1u : 0u;
  }
  if (variables->count("coverage") != 0) {
    scenarios::TransitionCoverage counts;
    counts.add(row_coverage, loaded.size());
    counts.add_branches(branch_coverage);
    try {
      scenarios::merge_into_coverage_file((*variables)["coverage"].as<std::string>(), counts);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  if (!json) std::cout << passed << " passed, " << loaded.size() - passed << " failed\n";
  return passed == loaded.size() ? kExitOk : kExitFailed;
}

}  // namespace sealsim::cli
