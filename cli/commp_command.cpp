// commp_command.cpp: `sealsim commp`: the piece commitment (CommP) and piece CID of files, as a
// storage client or AddPiece computes it (spec proofs.md §2).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/byte_size_argument.hpp"
#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/subcommands.hpp"
#include "model/cid.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment.hpp"

namespace sealsim::cli {
namespace {

namespace po = boost::program_options;

constexpr std::size_t kReadChunkBytes = std::size_t{4} << 20;
// Files smaller than this finish too fast for a progress line to help.
constexpr std::uint64_t kProgressThresholdBytes = std::uint64_t{64} << 20;

std::uint64_t file_size_or_throw(const std::filesystem::path& path) {
  std::error_code error;
  auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    throw UsageError("cannot read '" + path.string() + "': no such file");
  }
  if (!std::filesystem::is_regular_file(status)) {
    throw UsageError("cannot read '" + path.string() + "': not a regular file");
  }
  return std::filesystem::file_size(path);
}

PieceCommitment commit_file(const std::filesystem::path& path,
                            std::optional<PaddedPieceSize> piece_size) {
  const std::uint64_t size = file_size_or_throw(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UsageError("cannot open '" + path.string() + "': " + std::strerror(errno));
  }
  const bool show_progress = size >= kProgressThresholdBytes && ::isatty(STDERR_FILENO) != 0;
  PieceCommitmentBuilder builder(0);
  std::vector<char> buffer(kReadChunkBytes);
  std::uint64_t done = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    builder.write(ByteSpan(reinterpret_cast<const std::uint8_t*>(buffer.data()), got));
    done += got;
    if (show_progress) {
      std::cerr << "\r" << path.string() << ": " << (done * 100 / size) << "% of " << (size >> 20)
                << " MiB" << std::flush;
    }
  }
  if (in.bad()) {
    throw UsageError("error reading '" + path.string() + "': " + std::strerror(errno));
  }
  if (show_progress) std::cerr << "\r\033[K" << std::flush;
  try {
    return builder.finish(piece_size);
  } catch (const ModelError& e) {
    throw UsageError("'" + path.string() + "': " + e.what());
  }
}

}  // namespace

int run_commp(const Arguments& args) {
  const CommandSpec spec{
      "commp", "sealsim commp [--json] [--piece-size N] FILE...",
      "Computes the piece commitment (CommP) of each file's bytes as a deal payload: fr32 padding,\n"
      "zero-fill to the smallest valid piece (or --piece-size), SHA-256-trunc254 binary tree.\n"
      "An empty file has no piece commitment and is an error."};
  po::options_description options("options");
  options.add_options()("json", "one JSON object per line")(
      "piece-size", po::value<std::string>(), "padded piece size (bytes, or with KiB/MiB/GiB)")(
      "file", po::value<std::vector<std::string>>()->required(), "input files");
  po::positional_options_description positional;
  positional.add("file", -1);
  auto variables = parse_command_line(spec, args, options, positional);
  if (!variables) return kExitOk;

  std::optional<PaddedPieceSize> piece_size;
  if (variables->count("piece-size") != 0) {
    const auto text = (*variables)["piece-size"].as<std::string>();
    piece_size = PaddedPieceSize(parse_byte_size(text, "--piece-size"));
    try {
      piece_size->validate();
    } catch (const ModelError& e) {
      throw UsageError(std::string("--piece-size: ") + e.what());
    }
  }
  const bool json = variables->count("json") != 0;
  int status = kExitOk;
  for (const std::string& file : (*variables)["file"].as<std::vector<std::string>>()) {
    try {
      const PieceCommitment result = commit_file(file, piece_size);
      const std::string cid = commitment_to_cid(CommitmentKind::Unsealed, result.commitment).to_string();
      if (json) {
        nlohmann::ordered_json line;
        line["file"] = file;
        line["payloadSize"] = result.payload_bytes;
        line["paddedSize"] = result.piece_size.bytes();
        line["pieceCid"] = cid;
        line["commP"] = to_hex(as_span(result.commitment));
        std::cout << line.dump() << "\n";
      } else {
        std::cout << file << ": " << cid << " (payload " << result.payload_bytes
                  << " bytes, padded piece " << result.piece_size.bytes() << " bytes)\n";
      }
    } catch (const UsageError& e) {
      // Report every bad file, keep going with the rest, and fail at the end.
      std::cerr << "sealsim commp: " << e.what() << "\n";
      status = kExitBadInput;
    }
  }
  return status;
}

}  // namespace sealsim::cli
