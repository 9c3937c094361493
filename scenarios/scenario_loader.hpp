// scenario_loader.hpp: reads a scenario file, enforces scenario.schema.json, then checks what the
// schema cannot (names against the one list they come from, references between sections, epochs
// within the run) and returns typed values. Every problem is reported with file, line, column and
// JSON path; throws ScenarioError.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "scenarios/scenario.hpp"
#include "scenarios/scenario_error.hpp"

namespace sealsim::scenarios {

Scenario load_scenario_file(const std::filesystem::path& file);
// `label` names the text in messages; relative payload paths resolve against `folder`.
Scenario load_scenario_text(std::string text, const std::string& label,
                            const std::filesystem::path& folder);

// The schema's text (scenarios/scenario.schema.json, compiled in).
std::string_view scenario_schema_text();

// "0.025 FIL", "150 nanoFIL", "7 attoFIL" -> TokenAmount; nullopt when malformed or finer than
// one attoFIL.
std::optional<TokenAmount> parse_token_amount(std::string_view text);
// "2KiB", "512MiB", "2048", "2048B" -> bytes; nullopt when malformed or overflowing.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

}  // namespace sealsim::scenarios
