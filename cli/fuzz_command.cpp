// fuzz_command.cpp: `sealsim fuzz [--seed N] [--runs N] [--max-events N] [--shard i/N] [--out DIR]
// [--coverage FILE]`:
// the model-based fuzz campaign of scenarios/fuzz_campaign.hpp. Shows progress on stderr (one
// line rewritten in place on a terminal, every tenth of the shard otherwise), prints each failure
// with the path of its shrunk scenario, the known Lotus findings the campaign accepted, and a
// closing summary. Exit 0: every case passed; 1: a case failed; 2: bad options.
#include <unistd.h>

#include <charconv>
#include <iostream>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/subcommands.hpp"
#include "scenarios/fuzz_campaign.hpp"
#include "scenarios/fuzz_verdict.hpp"
#include "scenarios/transition_coverage.hpp"

namespace sealsim::cli {

namespace po = boost::program_options;

namespace {

// "i/N" with i < N.
std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  std::uint64_t index = 0;
  std::uint64_t count = 0;
  const auto parse = [](std::string_view part, std::uint64_t& out) {
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), out);
    return error == std::errc() && end == part.data() + part.size() && !part.empty();
  };
  if (slash == std::string::npos || !parse(std::string_view(text).substr(0, slash), index) ||
      !parse(std::string_view(text).substr(slash + 1), count) || count == 0 || index >= count) {
    throw UsageError("--shard expects i/N with 0 <= i < N, got '" + text + "'");
  }
  return {index, count};
}

}  // namespace

int run_fuzz(const Arguments& args) {
  const CommandSpec spec{
      "fuzz", "sealsim fuzz [--seed N] [--runs N] [--max-events N] [--shard i/N] [--out DIR] [--coverage FILE]",
      "Model-based fuzz campaign (RapidCheck rc::state): each case draws a swarm setup (enabled\n"
      "event kinds, batching, workers, paths, task durations), then up to --max-events world events\n"
      "(pledge, chain advance, reorg, null rounds, message and chain API faults, worker lost, path\n"
      "full, task fault, restart, operator remove/terminate), runs them as a scenario with the real\n"
      "engine (invariants after every event) and checks liveness: every sector reaches Proving or\n"
      "Removed within a day of epochs after the last event (the miner restarting three times in\n"
      "it, which heals Lotus's stalls), known Lotus quirks accepted and listed. A failing\n"
      "case is shrunk and written to --out as a scenario file that 'sealsim run' reproduces.\n"
      "Case c has seed --seed + c; shard i/N runs the cases c with c mod N == i.\n"
      "--coverage FILE adds the planner rows and handler branches of every engine run of the\n"
      "campaign (shrink candidates included) to FILE's counts, as 'sealsim run --coverage' does."};
  po::options_description options("options");
  options.add_options()("seed", po::value<std::uint64_t>()->default_value(1), "campaign seed")(
      "runs", po::value<std::uint64_t>()->default_value(100), "cases of the campaign (over all shards)")(
      "max-events", po::value<std::uint64_t>()->default_value(20), "world events per case at most")(
      "shard", po::value<std::string>()->default_value("0/1"), "run shard i of N")(
      "out", po::value<std::string>()->default_value("fuzz-failures"), "folder for shrunk failing scenarios")(
      "coverage", po::value<std::string>(), "add the planner rows and handler branches hit to this JSON file");
  auto variables = parse_command_line(spec, args, options, po::positional_options_description());
  if (!variables) return kExitOk;
  scenarios::FuzzCampaignOptions campaign;
  campaign.seed = (*variables)["seed"].as<std::uint64_t>();
  campaign.runs = (*variables)["runs"].as<std::uint64_t>();
  campaign.max_events = (*variables)["max-events"].as<std::uint64_t>();
  std::tie(campaign.shard_index, campaign.shard_count) = parse_shard((*variables)["shard"].as<std::string>());
  campaign.out = (*variables)["out"].as<std::string>();
  if (campaign.runs == 0) throw UsageError("--runs must be at least 1");
  if (campaign.max_events == 0) throw UsageError("--max-events must be at least 1");
  const bool with_coverage = variables->count("coverage") != 0;
  sealing::RowCoverage row_coverage;
  sealing::BranchCoverage branch_coverage;
  if (with_coverage) {
    try {
      scenarios::load_coverage_file((*variables)["coverage"].as<std::string>());  // bad input before any case
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    campaign.coverage = &row_coverage;
    campaign.branch_coverage = &branch_coverage;
  }

  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  std::uint64_t printed_at = 0;
  const auto progress = [&](const scenarios::FuzzProgress& p) {
    const std::string line = "fuzz: " + std::to_string(p.done) + "/" + std::to_string(p.total) + " cases, " +
                             std::to_string(p.failures) + " failed" +
                             (p.shrinking_case != 0 ? ", shrinking case " + std::to_string(p.shrinking_case) + " (" +
                                                          std::to_string(p.shrink_steps) + " steps)"
                                                    : "");
    if (terminal) {
      std::cerr << "\r" << line << "\033[K" << std::flush;
    } else if (p.shrinking_case == 0 && (p.done == p.total || p.done >= printed_at + std::max<std::uint64_t>(1, p.total / 10))) {
      printed_at = p.done;
      std::cerr << line << "\n";
    }
  };
  scenarios::FuzzCampaignResult result;
  try {
    result = scenarios::run_fuzz_campaign(campaign, progress);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (terminal) std::cerr << "\n";
  if (with_coverage) {
    scenarios::TransitionCoverage counts;
    counts.add(row_coverage, result.engine_runs);
    counts.add_branches(branch_coverage);
    try {
      scenarios::merge_into_coverage_file((*variables)["coverage"].as<std::string>(), counts);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }

  for (const auto& f : result.failures) {
    std::cout << "FAIL case " << f.case_seed << ": " << f.what << "\n"
              << "  shrunk from " << f.events_found << " to " << f.events_shrunk << " world events ("
              << f.timeline_entries << " timeline entries), reproduced by sealsim run: "
              << (f.reproduced ? "yes" : "NO") << "\n"
              << "  " << f.scenario.string() << "\n";
  }
  for (const auto& [id, cases] : result.known_findings) {
    std::string reason;
    for (const auto& k : scenarios::known_fuzz_findings()) {
      if (k.id == id) reason = k.reason;
    }
    std::cout << "known finding " << id << " in " << cases << " case(s): " << reason << "\n";
  }
  std::cout << "fuzz: " << result.cases << " cases (seed " << campaign.seed << ", shard " << campaign.shard_index << "/"
            << campaign.shard_count << ", max " << campaign.max_events << " events), " << result.failures.size()
            << " failed\n";
  return result.passed() ? kExitOk : kExitFailed;
}

}  // namespace sealsim::cli
