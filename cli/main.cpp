// main.cpp: the sealsim program: dispatches to subcommands and maps errors to exit statuses
// (0 success, 1 a check failed, 2 bad input).
#include <iostream>
#include <map>
#include <string>

#include "cli/cli_error.hpp"
#include "cli/subcommands.hpp"
#include "model/model_error.hpp"

namespace {

using sealsim::cli::Arguments;

struct Subcommand {
  int (*run)(const Arguments&);
  const char* summary;
};

const std::map<std::string, Subcommand>& subcommands() {
  static const std::map<std::string, Subcommand> table = {
      {"commp", {sealsim::cli::run_commp, "piece commitment (CommP) and piece CID of files"}},
      {"commd", {sealsim::cli::run_commd, "unsealed sector commitment (CommD) of a piece list"}},
      {"generate", {sealsim::cli::run_generate, "write a deterministic pseudo-random payload"}},
      {"vectors", {sealsim::cli::run_vectors, "run conformance vector files (vectors run PATH...)"}},
      {"seal", {sealsim::cli::run_seal, "seal one sector on the CPU (AP, PC1, PC2, C1 + verify)"}},
      {"verify", {sealsim::cli::run_verify, "verify stored Commit1 vanilla proofs"}},
#ifdef SEALSIM_HAVE_SCENARIOS
      {"run", {sealsim::cli::run_run, "run scenario files and check their expectations"}},
      {"replay", {sealsim::cli::run_replay, "re-run a trace's scenario and report the first divergence"}},
      {"scenario", {sealsim::cli::run_scenario_command, "write a starter scenario (scenario new)"}},
      {"crashtest", {sealsim::cli::run_crashtest, "kill a scenario run at random points and compare"}},
      {"coverage", {sealsim::cli::run_coverage, "transition coverage as HTML (coverage report)"}},
      {"fuzz", {sealsim::cli::run_fuzz, "model-based fuzz campaign; failures shrunk to scenario files"}},
#endif
  };
  return table;
}

void print_usage(std::ostream& out) {
  out << "usage: sealsim <command> [options]   (sealsim <command> --help for details)\n\n"
         "commands:\n";
  for (const auto& [name, command] : subcommands()) {
    out << "  " << name << std::string(10 - name.size(), ' ') << command.summary << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(std::cerr);
    return sealsim::cli::kExitBadInput;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return sealsim::cli::kExitOk;
  }
  const auto found = subcommands().find(name);
  if (found == subcommands().end()) {
    std::cerr << "sealsim: unknown command '" << name << "'\n";
    print_usage(std::cerr);
    return sealsim::cli::kExitBadInput;
  }
  const Arguments args(argv + 2, argv + argc);
  try {
    return found->second.run(args);
  } catch (const sealsim::cli::UsageError& e) {
    std::cerr << "sealsim " << name << ": " << e.what() << "\n";
    return sealsim::cli::kExitBadInput;
  } catch (const sealsim::ModelError& e) {
    std::cerr << "sealsim " << name << ": " << e.what() << "\n";
    return sealsim::cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "sealsim " << name << ": internal error: " << e.what() << "\n";
    return sealsim::cli::kExitFailed;
  }
}
