// commd_command.cpp: `sealsim commd`: the unsealed sector commitment (CommD) of a list of pieces,
// with the padding pieces Lotus v1.11 inserts (spec proofs.md §3.2, GenerateUnsealedCID).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/byte_size_argument.hpp"
#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/subcommands.hpp"
#include "model/cid.hpp"
#include "model/model_error.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/unsealed_commitment.hpp"

namespace sealsim::cli {
namespace {

namespace po = boost::program_options;

PieceInfo parse_piece_argument(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    throw UsageError("piece '" + text + "': expected PIECE_CID:PADDED_SIZE");
  }
  PieceInfo piece;
  try {
    piece.commitment = parse_commitment_cid(CommitmentKind::Unsealed, text.substr(0, colon));
    piece.size = PaddedPieceSize(parse_byte_size(text.substr(colon + 1), "piece '" + text + "' size"));
    piece.size.validate();
  } catch (const ModelError& e) {
    throw UsageError("piece '" + text + "': " + e.what());
  }
  return piece;
}

}  // namespace

int run_commd(const Arguments& args) {
  const CommandSpec spec{
      "commd", "sealsim commd [--json] --proof NAME PIECE_CID:PADDED_SIZE...",
      "Computes the unsealed CID (CommD) of a sector holding the given pieces in order, inserting\n"
      "Lotus's alignment padding pieces before each piece and zero pieces up to the sector size.\n"
      "With no pieces, the result is the commitment of an all-zero sector.\n"
      "NAME is a registered seal proof (StackedDrg32GiBV1_1) or a sector size (2KiB, 32GiB, 8MiB-v1)."};
  po::options_description options("options");
  options.add_options()("json", "print one JSON object")(
      "proof", po::value<std::string>()->required(), "registered seal proof or sector size")(
      "piece", po::value<std::vector<std::string>>(), "pieces, in sector order");
  po::positional_options_description positional;
  positional.add("piece", -1);
  auto variables = parse_command_line(spec, args, options, positional);
  if (!variables) return kExitOk;

  RegisteredSealProof proof;
  try {
    proof = parse_seal_proof((*variables)["proof"].as<std::string>());
  } catch (const ModelError& e) {
    throw UsageError(std::string("--proof: ") + e.what());
  }
  std::vector<PieceInfo> pieces;
  if (variables->count("piece") != 0) {
    for (const std::string& text : (*variables)["piece"].as<std::vector<std::string>>()) {
      pieces.push_back(parse_piece_argument(text));
    }
  }
  Node32 comm_d;
  try {
    comm_d = generate_unsealed_commitment(proof, pieces);
  } catch (const ModelError& e) {
    throw UsageError(std::string("pieces do not make a valid ") +
                     std::string(seal_proof_info(proof).size_label) + " sector: " + e.what());
  }
  const std::string cid = commitment_to_cid(CommitmentKind::Unsealed, comm_d).to_string();
  if (variables->count("json") != 0) {
    nlohmann::ordered_json out;
    out["proof"] = std::string(seal_proof_info(proof).name);
    out["unsealedCid"] = cid;
    out["commD"] = to_hex(as_span(comm_d));
    std::cout << out.dump() << "\n";
  } else {
    std::cout << "unsealed CID: " << cid << "\ncommD:        " << to_hex(as_span(comm_d)) << "\n";
  }
  return kExitOk;
}

}  // namespace sealsim::cli
