// generate_command.cpp: `sealsim generate`: deterministic pseudo-random payload files, so samples
// and test inputs are reproducible from a seed (model/deterministic_rng.hpp documents the stream).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/byte_size_argument.hpp"
#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/subcommands.hpp"
#include "model/deterministic_rng.hpp"

namespace sealsim::cli {

namespace po = boost::program_options;

int run_generate(const Arguments& args) {
  const CommandSpec spec{
      "generate", "sealsim generate --bytes N [--seed S] --out FILE",
      "Writes N bytes of the 'payload' sub-stream of DeterministicRng(seed) to FILE."};
  po::options_description options("options");
  options.add_options()("bytes", po::value<std::string>()->required(), "payload size")(
      "seed", po::value<std::uint64_t>()->default_value(0), "generator seed")(
      "out", po::value<std::string>()->required(), "output file");
  auto variables = parse_command_line(spec, args, options, {});
  if (!variables) return kExitOk;

  const std::uint64_t total = parse_byte_size((*variables)["bytes"].as<std::string>(), "--bytes");
  const std::string out_path = (*variables)["out"].as<std::string>();
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) throw UsageError("cannot create '" + out_path + "': " + std::strerror(errno));

  DeterministicRng rng = DeterministicRng((*variables)["seed"].as<std::uint64_t>()).fork("payload");
  std::vector<std::uint8_t> buffer(std::size_t{1} << 20);
  for (std::uint64_t written = 0; written < total;) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), total - written));
    // Whole 8-byte words per buffer keep the stream independent of the buffer size.
    rng.fill(std::span<std::uint8_t>(buffer.data(), buffer.size()));
    out.write(reinterpret_cast<const char*>(buffer.data()), static_cast<std::streamsize>(n));
    written += n;
  }
  out.close();
  if (!out) throw UsageError("error writing '" + out_path + "': " + std::strerror(errno));
  std::cerr << "wrote " << total << " bytes to " << out_path << "\n";
  return kExitOk;
}

}  // namespace sealsim::cli
