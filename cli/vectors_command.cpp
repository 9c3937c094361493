// vectors_command.cpp: `sealsim vectors run`: runs conformance vector files and prints one line per
// vector and a closing "N passed, N failed" line; exit 1 when any vector fails.
#include <filesystem>
#include <iostream>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/subcommands.hpp"
#include "vectors/vector_runner.hpp"

namespace sealsim::cli {

namespace po = boost::program_options;

int run_vectors(const Arguments& args) {
  const CommandSpec spec{"vectors", "sealsim vectors run [PATH...]",
                         "Runs the vector files at PATH (files or folders, default: vectors/).\n"
                         "Vector files and their format are described in vectors/README.md."};
  po::options_description options("options");
  options.add_options()("verb", po::value<std::string>()->required(), "run")(
      "path", po::value<std::vector<std::string>>(), "vector files or folders");
  po::positional_options_description positional;
  positional.add("verb", 1).add("path", -1);
  auto variables = parse_command_line(spec, args, options, positional);
  if (!variables) return kExitOk;
  if ((*variables)["verb"].as<std::string>() != "run") {
    throw UsageError("unknown verb '" + (*variables)["verb"].as<std::string>() +
                     "' (expected 'run')");
  }
  std::vector<std::filesystem::path> paths;
  if (variables->count("path") != 0) {
    for (const auto& p : (*variables)["path"].as<std::vector<std::string>>()) paths.emplace_back(p);
  } else {
    paths.emplace_back("vectors");
  }
  for (const auto& path : paths) {
    if (!std::filesystem::exists(path)) {
      throw UsageError("vector path '" + path.string() + "' does not exist");
    }
  }
  vectors::RunSummary summary;
  try {
    summary = vectors::run_vectors(paths, std::cout);
  } catch (const vectors::VectorFileError& e) {
    throw UsageError(e.what());
  }
  std::cout << summary.passed << " passed, " << summary.failed << " failed\n";
  if (summary.passed + summary.failed == 0) {
    throw UsageError("no vectors found under the given paths");
  }
  return summary.failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace sealsim::cli
