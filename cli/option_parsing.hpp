// option_parsing.hpp: Boost.Program_options glue shared by the subcommands: --help on each, and
// option errors turned into UsageError (exit 2) with the subcommand's name.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>

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

}  // namespace sealsim::cli
