// vector_file_fuzz.cpp: the vector-file loader (vectors/vector_file.hpp, load_vector_text). Any
// text must load or be rejected with VectorFileError; any other exception or a crash is a bug.
// What loads must have been checked whole: a known kind and unique case ids.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz/fuzz_check.hpp"
#include "vectors/vector_file.hpp"
#include "vectors/vector_file_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const sealsim::vectors::VectorFile file = sealsim::vectors::load_vector_text(text, "fuzz-input");
    sealsim::fuzz::check(file.kind != nullptr, "a loaded vector file has a kind");
    sealsim::fuzz::check(!file.case_ids.empty(), "a loaded vector file has cases");
    const std::set<std::string> unique(file.case_ids.begin(), file.case_ids.end());
    sealsim::fuzz::check(unique.size() == file.case_ids.size(), "case ids are unique");
  } catch (const sealsim::vectors::VectorFileError&) {
  }
  return 0;
}
