#include "cli/option_parsing.hpp"

#include <iostream>

#include "cli/cli_error.hpp"
#include "sealing/storage/proof_backend.hpp"

namespace sealsim::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_command_line(const CommandSpec& spec, const Arguments& args,
                                                    po::options_description options,
                                                    const po::positional_options_description& positional) {
  options.add_options()("help,h", "show this help");
  po::variables_map variables;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), variables);
    if (variables.count("help") != 0) {
      std::cout << "usage: " << spec.usage << "\n\n" << spec.description << "\n\n" << options;
      return std::nullopt;
    }
    po::notify(variables);
  } catch (const po::error& e) {
    throw UsageError(e.what() + std::string(" (see 'sealsim ") + spec.name + " --help')");
  }
  return variables;
}

void require_proofs_backend_available(std::string_view name, const std::string& where) {
  if (auto why = sealing::proof_backend_unavailable_reason(name)) {
    throw UsageError(where + " chooses proofs backend '" + std::string(name) + "', which is not available: " + *why);
  }
}

}  // namespace sealsim::cli
