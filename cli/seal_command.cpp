// seal_command.cpp: `sealsim seal`: one sector through the cpu proof backend — AddPiece, PreCommit1,
// PreCommit2 and, with a seed, Commit1 and the verification of its vanilla proofs — printing CommD
// and CommR as CIDs and each stage's wall-clock time. The times are measurements for the user; no
// simulated outcome depends on them.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/seal_arguments.hpp"
#include "cli/subcommands.hpp"
#include "model/cid.hpp"
#include "model/piece_size.hpp"
#include "model/replica_id.hpp"
#include "sealing/storage/cpu_proof_backend.hpp"

namespace sealsim::cli {
namespace {

namespace po = boost::program_options;
using sealing::CpuProofBackend;
using sealing::ProofBackendError;

// Wall-clock seconds of each stage, in the order run.
class StageTimer {
 public:
  template <typename F>
  auto time(const char* stage, F&& work) {
    const auto start = std::chrono::steady_clock::now();
    auto result = work();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    stages_.emplace_back(stage, elapsed.count());
    return result;
  }
  const std::vector<std::pair<std::string, double>>& stages() const { return stages_; }

 private:
  std::vector<std::pair<std::string, double>> stages_;
};

Bytes nodes_to_bytes(std::span<const Node32> nodes) {
  Bytes out;
  out.reserve(nodes.size() * 32);
  for (const Node32& node : nodes) out.insert(out.end(), node.begin(), node.end());
  return out;
}

}  // namespace

int run_seal(const Arguments& args) {
  const CommandSpec spec{
      "seal",
      "sealsim seal --proof NAME --data FILE --prover-id N --sector N --ticket HEX [--seed HEX]\n"
      "             --out DIR [--json] [--allow-large] [--threads N]",
      "Seals one sector with the cpu proof backend: AddPiece of FILE as one piece filling the sector\n"
      "(FILE at most the unpadded sector size, zero-filled after its end, as lotus-bench adds\n"
      "/dev/zero), PreCommit1 (tree_d, replica id, SDR labels), PreCommit2 (tree_c, replica,\n"
      "tree_r_last, CommR) and, with --seed, Commit1 (vanilla proofs of the interactive challenges)\n"
      "and their verification. Prints CommD and CommR as CIDs and each stage's wall-clock time.\n"
      "Writes DIR/sealed (the replica), DIR/p_aux (comm_c ‖ comm_r_last) and, with --seed,\n"
      "DIR/commit1-vanilla-proofs.bin (check it with 'sealsim verify'). No Groth16 proof is made.\n"
      "--prover-id is the miner's actor id (1000 for t01000). 32 GiB and 64 GiB sectors need\n"
      "--allow-large (hundreds of GiB of memory, hours of CPU)."};
  po::options_description options("options");
  options.add_options()("proof", po::value<std::string>()->required(), "registered seal proof or sector size")(
      "data", po::value<std::string>()->required(), "unsealed payload file")(
      "prover-id", po::value<std::uint64_t>()->required(), "miner actor id")(
      "sector", po::value<std::uint64_t>()->required(), "sector number")(
      "ticket", po::value<std::string>()->required(), "32-byte ticket, 64 hex digits")(
      "seed", po::value<std::string>(), "32-byte interactive seed: also run Commit1 and verify")(
      "out", po::value<std::string>()->required(), "output directory (created)")(
      "json", "print one JSON object")("allow-large", "allow 32 GiB and 64 GiB sectors")(
      "threads", po::value<unsigned>()->default_value(1), "labeling threads (results do not depend on it)");
  auto variables = parse_command_line(spec, args, options, po::positional_options_description());
  if (!variables) return kExitOk;

  const RegisteredSealProof proof = proof_option(*variables, "proof");
  const SealProofInfo& info = seal_proof_info(proof);
  const Node32 ticket = hex32_option(*variables, "ticket");
  std::optional<Node32> seed;
  if (variables->count("seed") != 0) seed = hex32_option(*variables, "seed");
  const sealing::ProofSectorRef sector{SectorId{(*variables)["prover-id"].as<std::uint64_t>(),
                                                (*variables)["sector"].as<std::uint64_t>()},
                                       proof};
  const std::filesystem::path data_path = (*variables)["data"].as<std::string>();
  const std::filesystem::path out_dir = (*variables)["out"].as<std::string>();
  const unsigned threads = (*variables)["threads"].as<unsigned>();
  if (threads == 0) throw UsageError("--threads must be at least 1");
  const Bytes data = read_whole_file(data_path);
  if (data.size() > info.unpadded_sector_size()) {
    throw UsageError("--data '" + data_path.string() + "' has " + std::to_string(data.size()) +
                     " bytes, more than the " + std::to_string(info.unpadded_sector_size()) +
                     " unpadded bytes of a " + std::string(info.size_label) + " sector");
  }
  std::error_code dir_error;
  std::filesystem::create_directories(out_dir, dir_error);
  if (dir_error) throw UsageError("--out '" + out_dir.string() + "': " + dir_error.message());

  CpuProofBackend backend(sealing::ProofBackendOptions{variables->count("allow-large") != 0, threads});
  StageTimer timer;
  sealing::SectorCommitments commitments;
  std::optional<bool> verified;
  std::string verify_failure;
  try {
    const PieceInfo piece = timer.time("addPiece", [&] {
      return backend.add_piece(sector, {}, UnpaddedPieceSize(info.unpadded_sector_size()), data);
    });
    const std::vector<PieceInfo> pieces{piece};
    const Bytes pc1 = timer.time("preCommit1", [&] { return backend.seal_pre_commit1(sector, ticket, pieces); });
    commitments = timer.time("preCommit2", [&] { return backend.seal_pre_commit2(sector, pc1); });
    write_whole_file(out_dir / "sealed", nodes_to_bytes(backend.sealed_replica(sector.id)->replica));
    const SealedReplica& sealed = *backend.sealed_replica(sector.id);
    Bytes p_aux(64);
    std::copy(sealed.comm_c.begin(), sealed.comm_c.end(), p_aux.begin());
    std::copy(sealed.comm_r_last.begin(), sealed.comm_r_last.end(), p_aux.begin() + 32);
    write_whole_file(out_dir / "p_aux", p_aux);
    if (seed) {
      const Bytes c1 = timer.time("commit1", [&] {
        return backend.seal_commit1(sector, ticket, *seed, pieces, commitments);
      });
      write_whole_file(out_dir / "commit1-vanilla-proofs.bin", c1);
      const Bytes c2 = backend.seal_commit2(sector, c1);
      verified = timer.time("verify", [&] {
        return backend.verify_seal(sealing::SealVerifyRequest{proof, sector.id, Bytes(ticket.begin(), ticket.end()),
                                                              Bytes(seed->begin(), seed->end()), c2, commitments});
      });
      verify_failure = backend.last_verify_failure();
    }
  } catch (const ProofBackendError& e) {
    throw UsageError(e.what());
  }

  const std::string unsealed_cid = commitment_to_cid(CommitmentKind::Unsealed, commitments.unsealed).to_string();
  const std::string sealed_cid = commitment_to_cid(CommitmentKind::Sealed, commitments.sealed).to_string();
  if (variables->count("json") != 0) {
    nlohmann::ordered_json out;
    out["proof"] = std::string(info.name);
    out["unsealedCid"] = unsealed_cid;
    out["sealedCid"] = sealed_cid;
    out["commD"] = to_hex(as_span(commitments.unsealed));
    out["commR"] = to_hex(as_span(commitments.sealed));
    if (verified) {
      out["commit1"] = (out_dir / "commit1-vanilla-proofs.bin").string();
      out["verified"] = *verified;
      if (!*verified) out["verifyFailure"] = verify_failure;
      out["commit2"] = CpuProofBackend::describe_c2_proof();
    }
    nlohmann::ordered_json timings;
    for (const auto& [stage, seconds] : timer.stages()) timings[stage] = seconds;
    out["wallClockSeconds"] = timings;
    std::cout << out.dump() << "\n";
  } else {
    std::cout << "proof:        " << info.name << "\nunsealed CID: " << unsealed_cid
              << "\nsealed CID:   " << sealed_cid << "\n";
    if (verified) {
      std::cout << "commit1:      " << (out_dir / "commit1-vanilla-proofs.bin").string()
                << "\nverified:     " << (*verified ? "yes" : "NO: " + verify_failure) << "\n";
    }
    std::cout << "wall-clock seconds:";
    for (const auto& [stage, seconds] : timer.stages()) std::cout << " " << stage << "=" << seconds;
    std::cout << "\n";
  }
  return verified.value_or(true) ? kExitOk : kExitFailed;
}

}  // namespace sealsim::cli
