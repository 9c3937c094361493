// vector_runner.hpp: runs conformance vector files (format: vectors/README.md) against the model
// and reports one result per case; the API behind `sealsim vectors run`.
#pragma once

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "vectors/vector_file_error.hpp"

namespace sealsim::vectors {

struct VectorResult {
  std::string file;
  std::string id;
  bool passed;
  std::string detail;  // empty when passed; what differed otherwise
};

struct RunSummary {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::vector<VectorResult> results;
};

// Runs every case of the given files and directories (directories recursively, *.json; all files
// sorted by path). Every file is loaded and validated before any case runs, so a malformed file
// throws VectorFileError (naming file, JSON path and expectation) and nothing is run. Each result
// is written to `out` as it completes: "PASS <file> <id>" or "FAIL <file> <id>: <detail>"; the
// caller prints the closing "N passed, N failed".
RunSummary run_vectors(const std::vector<std::filesystem::path>& paths, std::ostream& out);

}  // namespace sealsim::vectors
