// option_parsing.hpp: Boost.Program_options glue shared by the subcommands: --help on each, and
// option errors turned into UsageError (exit 2) with the subcommand's name.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "cli/subcommands.hpp"

namespace sealsim::cli {

struct CommandSpec {
  std::string name;         // "commp"
  std::string usage;        // "sealsim commp [--json] [--piece-size N] FILE..."
  std::string description;  // one paragraph shown by --help
};

// Adds --help, parses, and returns the variables; returns nullopt after printing help to stdout.
std::optional<boost::program_options::variables_map> parse_command_line(
    const CommandSpec& spec, const Arguments& args,
    boost::program_options::options_description options,
    const boost::program_options::positional_options_description& positional);

// Throws UsageError (exit 2) when the proofs backend `name` cannot run here (cuda without CUDA in
// the build or without a GPU): checked before anything runs, never a fallback to another backend.
// `where` names what chose it ("scenario x.json", "--proofs").
void require_proofs_backend_available(std::string_view name, const std::string& where);

}  // namespace sealsim::cli
