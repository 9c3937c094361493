// seal_arguments.cpp: shared option parsing and file helpers of the seal and verify commands.
#include "cli/seal_arguments.hpp"

#include <fstream>
#include <iterator>

#include "cli/cli_error.hpp"
#include "model/model_error.hpp"

namespace sealsim::cli {

RegisteredSealProof proof_option(const boost::program_options::variables_map& variables, const char* name) {
  try {
    return parse_seal_proof(variables[name].as<std::string>());
  } catch (const ModelError& e) {
    throw UsageError(std::string("--") + name + ": " + e.what());
  }
}

Node32 hex32_option(const boost::program_options::variables_map& variables, const char* name) {
  const std::string text = variables[name].as<std::string>();
  try {
    return node_from_hex(text.starts_with("0x") ? text.substr(2) : text);
  } catch (const ModelError& e) {
    throw UsageError(std::string("--") + name + " '" + text + "': expected 64 hex digits (32 bytes): " + e.what());
  }
}

Node32 commitment_option(const boost::program_options::variables_map& variables, const char* name,
                         CommitmentKind kind) {
  const std::string text = variables[name].as<std::string>();
  try {
    return parse_commitment_cid(kind, text);
  } catch (const ModelError& e) {
    throw UsageError(std::string("--") + name + ": " + e.what());
  }
}

Bytes read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot open '" + path.string() + "' for reading");
  Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw UsageError("error reading '" + path.string() + "'");
  return bytes;
}

void write_whole_file(const std::filesystem::path& path, ByteSpan bytes) {
  // Written under a temporary name and renamed, so a killed run leaves no half-written file.
  const std::filesystem::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw UsageError("cannot open '" + temporary.string() + "' for writing");
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw UsageError("error writing '" + temporary.string() + "'");
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) throw UsageError("cannot rename '" + temporary.string() + "' to '" + path.string() + "': " + error.message());
}

}  // namespace sealsim::cli
