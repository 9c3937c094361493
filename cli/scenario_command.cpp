// scenario_command.cpp: `sealsim scenario new`: writes a starter scenario whose "$comment" fields
// explain each section (JSON has no comments). It passes the schema and runs as written.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/subcommands.hpp"

namespace sealsim::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kStarter = R"JSON({
  "$comment": "A sealsim scenario (schema: scenarios/scenario.schema.json). Run it with: sealsim run FILE. Every field not shown takes its default from sealing/sealing_config.hpp, sealing/fee_config.hpp or scenarios/scenario.hpp.",
  "name": "my-scenario",
  "description": "Pledges one committed-capacity sector at epoch 10 and checks where it is at the end (AddPiece of its fillers takes 3600 s = 120 epochs, so it is still in Packing at epoch 60). Say here what the scenario shows and why the expected outcome is right, citing the spec.",
  "seed": 1,
  "proofs": "mock",
  "proof_type": "2KiB",
  "network": "mainnet",
  "persistence": "memory",
  "sealing": {
    "$comment": "Overrides of the [Sealing] config, e.g. \"batch_pre_commits\": false"
  },
  "fees": {
    "$comment": "Overrides of the [Fees] config, e.g. \"max_pre_commit_gas_fee\": \"0.025 FIL\""
  },
  "miner": {"balance": "1000 FIL"},
  "durations": {"AP": 3600},
  "end": {"epoch": 60},
  "timeline": [
    {"at": 10, "pledge": {"count": 1}, "$comment": "other kinds: deal, null_rounds, reorg, chain_fault, message_fault, set_balance, worker_lost, path_full, task_fault, remove_fault, restart, operator"}
  ],
  "expect": {
    "$comment": "sectors, deals, counts, messages, findings {must, must_not}, liveness_epochs",
    "sectors": [{"sector": 1, "state": "Packing"}],
    "messages": {"PreCommitSector": 0}
  }
}
)JSON";

}  // namespace

int run_scenario_command(const Arguments& args) {
  const CommandSpec spec{"scenario", "sealsim scenario new [--out FILE]",
                         "Writes a starter scenario (to FILE, or to standard output). An existing FILE\n"
                         "is not overwritten."};
  po::options_description options("options");
  options.add_options()("verb", po::value<std::string>()->required(), "new")(
      "out", po::value<std::string>(), "where to write the scenario");
  po::positional_options_description positional;
  positional.add("verb", 1);
  auto variables = parse_command_line(spec, args, options, positional);
  if (!variables) return kExitOk;
  if ((*variables)["verb"].as<std::string>() != "new") {
    throw UsageError("unknown verb '" + (*variables)["verb"].as<std::string>() + "' (expected 'new')");
  }
  if (variables->count("out") == 0) {
    std::cout << kStarter;
    return kExitOk;
  }
  const std::filesystem::path out = (*variables)["out"].as<std::string>();
  if (std::filesystem::exists(out)) throw UsageError("'" + out.string() + "' exists; not overwriting it");
  std::ofstream file(out, std::ios::binary);
  file << kStarter;
  if (!file) throw UsageError("cannot write '" + out.string() + "'");
  std::cout << "wrote " << out.string() << "\n";
  return kExitOk;
}

}  // namespace sealsim::cli
