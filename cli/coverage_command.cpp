// coverage_command.cpp: `sealsim coverage report FILE --html OUT`: turns a transition coverage file
// (written by `sealsim run --coverage FILE`) into HTML tables of every planner row and every handler
// branch, never-hit ones first, with the spec's reason for the unreachable ones
// (scenarios/transition_coverage.hpp).
// Prints a one-line summary. Exit 0, or 2 for a missing or malformed file.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/subcommands.hpp"
#include "scenarios/transition_coverage.hpp"

namespace sealsim::cli {

namespace po = boost::program_options;

int run_coverage(const Arguments& args) {
  const CommandSpec spec{"coverage", "sealsim coverage report FILE --html OUT",
                         "Writes the transition coverage FILE (from 'sealsim run --coverage FILE') as HTML tables\n"
                         "of every (state, event) planner row and every handler branch with its hits,\n"
                         "never-hit ones first."};
  po::options_description options("options");
  options.add_options()("action", po::value<std::string>(), "report")("file", po::value<std::string>(), "coverage file")(
      "html", po::value<std::string>(), "write the HTML table here");
  po::positional_options_description positional;
  positional.add("action", 1).add("file", 1);
  auto variables = parse_command_line(spec, args, options, positional);
  if (!variables) return kExitOk;
  if (variables->count("action") == 0 || (*variables)["action"].as<std::string>() != "report") {
    throw UsageError("expected 'coverage report FILE --html OUT'");
  }
  if (variables->count("file") == 0) throw UsageError("no coverage file given");
  if (variables->count("html") == 0) throw UsageError("--html OUT is required");
  const std::filesystem::path file = (*variables)["file"].as<std::string>();
  if (!std::filesystem::exists(file)) throw UsageError("no coverage file '" + file.string() + "'");
  scenarios::TransitionCoverage coverage;
  try {
    coverage = scenarios::load_coverage_file(file);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const std::filesystem::path out = (*variables)["html"].as<std::string>();
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  std::ofstream html(out, std::ios::binary | std::ios::trunc);
  if (!html) throw UsageError("cannot write " + out.string());
  html << scenarios::coverage_html(coverage);
  std::size_t rows = 0;
  std::size_t hit = 0;
  for (const auto& row : sealing::planner_table_rows()) {
    ++rows;
    hit += coverage.hits(row.from, row.event) != 0 ? 1u : 0u;
  }
  const std::vector<std::string> reachable_never_hit = scenarios::reachable_cells_never_hit(coverage);
  std::size_t branches_hit = 0;
  for (const auto& info : sealing::kHandlerBranches) branches_hit += coverage.hits(info.branch) != 0 ? 1u : 0u;
  // The reachable cells never hit are what a test author still has to reach; the unreachable ones
  // are named with the spec's reason in the HTML.
  std::cout << coverage.runs << " runs, " << hit << " of " << rows << " planner rows hit, " << branches_hit << " of "
            << sealing::kHandlerBranchCount << " handler branches hit, " << reachable_never_hit.size()
            << " reachable (state, event) cells never hit; wrote " << out.string() << "\n";
  for (const auto& cell : reachable_never_hit) std::cout << "  reachable, never hit: " << cell << "\n";
  return kExitOk;
}

}  // namespace sealsim::cli
