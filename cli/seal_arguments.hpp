// seal_arguments.hpp: argument parsing and file helpers shared by `sealsim seal` and `sealsim
// verify`: options that name a proof type, a 32-byte hex value or a commitment CID, and whole-file
// reads and writes with the path in every error.
#pragma once

#include <boost/program_options.hpp>
#include <filesystem>
#include <string>

#include "model/bytes.hpp"
#include "model/cid.hpp"
#include "model/registered_seal_proof.hpp"

namespace sealsim::cli {

// Each throws UsageError naming the option and what was expected.
RegisteredSealProof proof_option(const boost::program_options::variables_map& variables, const char* name);
Node32 hex32_option(const boost::program_options::variables_map& variables, const char* name);
Node32 commitment_option(const boost::program_options::variables_map& variables, const char* name,
                         CommitmentKind kind);

// Throws UsageError naming the file.
Bytes read_whole_file(const std::filesystem::path& path);
void write_whole_file(const std::filesystem::path& path, ByteSpan bytes);

}  // namespace sealsim::cli
