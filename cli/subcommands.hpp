// subcommands.hpp: the sealsim subcommands. Each takes its own arguments (without the subcommand
// name), writes results to stdout and diagnostics to stderr, and returns the exit status.
#pragma once

#include <string>
#include <vector>

namespace sealsim::cli {

using Arguments = std::vector<std::string>;

int run_commp(const Arguments& args);
int run_commd(const Arguments& args);
int run_generate(const Arguments& args);
int run_vectors(const Arguments& args);
int run_seal(const Arguments& args);
int run_verify(const Arguments& args);
#ifdef SEALSIM_HAVE_SCENARIOS
int run_run(const Arguments& args);
int run_replay(const Arguments& args);
int run_scenario_command(const Arguments& args);
int run_crashtest(const Arguments& args);
int run_coverage(const Arguments& args);
int run_fuzz(const Arguments& args);
#endif

}  // namespace sealsim::cli
