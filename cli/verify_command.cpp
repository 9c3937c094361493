// verify_command.cpp: `sealsim verify`: checks a stored Commit1 output (vanilla proofs, as written by
// `sealsim seal --seed`) against a sector's public values (spec proofs.md §8.3). Public values not
// given on the command line are taken from the file and listed as such: a proof checked only
// against its own claims shows that it is consistent, not that it is the sector's.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/seal_arguments.hpp"
#include "cli/subcommands.hpp"
#include "model/model_error.hpp"
#include "model/replica_id.hpp"
#include "model/vanilla_proof_verifier.hpp"

namespace sealsim::cli {

int run_verify(const Arguments& args) {
  const CommandSpec spec{
      "verify",
      "sealsim verify [--json] [--proof NAME] [--prover-id N] [--sector N] [--ticket HEX]\n"
      "               [--seed HEX] [--comm-d CID] [--comm-r CID] FILE",
      "Verifies the Commit1 vanilla proofs in FILE (sealsim's byte format, see\n"
      "model/vanilla_proof.hpp): replica id and challenges recomputed from the public values, tree_d,\n"
      "tree_c and tree_r_last paths, labels and encoding. Exit 0 valid, 1 invalid, 2 bad input.\n"
      "Each public value not given is taken from FILE and reported as such."};
  namespace po = boost::program_options;
  po::options_description options("options");
  options.add_options()("json", "print one JSON object")(
      "proof", po::value<std::string>(), "registered seal proof or sector size")(
      "prover-id", po::value<std::uint64_t>(), "miner actor id")("sector", po::value<std::uint64_t>(), "sector number")(
      "ticket", po::value<std::string>(), "32-byte ticket, 64 hex digits")(
      "seed", po::value<std::string>(), "32-byte interactive seed, 64 hex digits")(
      "comm-d", po::value<std::string>(), "unsealed CID")("comm-r", po::value<std::string>(), "sealed CID")(
      "file", po::value<std::string>()->required(), "Commit1 output file");
  po::positional_options_description positional;
  positional.add("file", 1);
  auto variables = parse_command_line(spec, args, options, positional);
  if (!variables) return kExitOk;

  const std::string path = (*variables)["file"].as<std::string>();
  const Bytes bytes = read_whole_file(path);
  SealCommitPhase1Output stored;
  try {
    stored = parse_vanilla_proofs(bytes);
  } catch (const ModelError& e) {
    // A malformed proof is an invalid proof (exit 1), not bad usage: tampering often shows here.
    if (variables->count("json") != 0) {
      nlohmann::ordered_json out;
      out["file"] = path;
      out["valid"] = false;
      out["reason"] = e.what();
      std::cout << out.dump() << "\n";
    } else {
      std::cout << path << ": INVALID: " << e.what() << "\n";
    }
    return kExitFailed;
  }
  std::vector<std::string> from_file;
  const auto has = [&](const char* name) {
    if (variables->count(name) != 0) return true;
    from_file.emplace_back(name);
    return false;
  };
  SealVerifyInputs inputs{stored.proof, stored.prover_id, stored.sector, stored.ticket,
                          stored.seed,  stored.comm_d,    stored.comm_r};
  if (has("proof")) inputs.proof = proof_option(*variables, "proof");
  if (has("prover-id")) inputs.prover_id = prover_id_from_actor((*variables)["prover-id"].as<std::uint64_t>());
  if (has("sector")) inputs.sector = (*variables)["sector"].as<std::uint64_t>();
  if (has("ticket")) inputs.ticket = hex32_option(*variables, "ticket");
  if (has("seed")) inputs.seed = hex32_option(*variables, "seed");
  if (has("comm-d")) inputs.comm_d = commitment_option(*variables, "comm-d", CommitmentKind::Unsealed);
  if (has("comm-r")) inputs.comm_r = commitment_option(*variables, "comm-r", CommitmentKind::Sealed);

  const VanillaVerification result = verify_vanilla_proofs(stored, inputs);
  if (variables->count("json") != 0) {
    nlohmann::ordered_json out;
    out["file"] = path;
    out["proof"] = std::string(seal_proof_info(inputs.proof).name);
    out["valid"] = result.valid;
    if (!result.valid) out["reason"] = result.reason;
    out["publicValuesFromFile"] = from_file;
    std::cout << out.dump() << "\n";
  } else {
    std::cout << path << ": " << (result.valid ? "valid" : "INVALID: " + result.reason) << "\n";
    if (!from_file.empty()) {
      std::cout << "taken from the file, not checked against outside values:";
      for (const std::string& name : from_file) std::cout << " --" << name;
      std::cout << "\n";
    }
  }
  return result.valid ? kExitOk : kExitFailed;
}

}  // namespace sealsim::cli
