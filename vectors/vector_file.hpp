// vector_file.hpp: loading one vector file: read, parse (duplicate keys rejected), and check its
// whole shape against its kind before any case runs.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vectors/vector_kind.hpp"

namespace sealsim::vectors {

struct VectorFile {
  std::string name;     // the path as it will appear in result lines and errors
  std::string meta_id;  // _meta.id
  const KindSpec* kind = nullptr;
  nlohmann::json document;            // the parsed file, already validated
  std::vector<std::string> case_ids;  // in file order, unique
};

// Throws VectorFileError naming the file, the JSON path and what was expected.
VectorFile load_vector_file(const std::filesystem::path& path);
// The same checks on a file's text; `name` stands for the file in errors.
VectorFile load_vector_text(const std::string& text, const std::string& name);

}  // namespace sealsim::vectors
