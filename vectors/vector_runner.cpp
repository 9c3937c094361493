// vector_runner.cpp: file discovery, case evaluation against expectations, result lines.
#include "vectors/vector_runner.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <system_error>

#include "model/model_error.hpp"
#include "vectors/json_cursor.hpp"
#include "vectors/vector_file.hpp"

namespace sealsim::vectors {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> collect_files(const std::vector<fs::path>& paths) {
  if (paths.empty()) throw VectorFileError("no vector files or directories given");
  std::vector<fs::path> files;
  for (const fs::path& path : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      throw VectorFileError(path.generic_string() + ": no such vector file or directory");
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::size_t found = 0;
    try {
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
          files.push_back(entry.path());
          ++found;
        }
      }
    } catch (const fs::filesystem_error& e) {
      throw VectorFileError(path.generic_string() +
                            ": cannot list the directory: " + e.code().message());
    }
    if (found == 0) {
      throw VectorFileError(path.generic_string() + ": directory holds no *.json vector files");
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

// Long byte strings are summarised by the first difference instead of being printed whole.
std::string describe_difference(const std::string& name, const std::string& expected,
                                const std::string& got) {
  constexpr std::size_t kMaxShown = 160;
  if (expected.size() <= kMaxShown && got.size() <= kMaxShown) {
    return name + ": expected " + expected + ", got " + got;
  }
  std::size_t at = 0;
  while (at < expected.size() && at < got.size() && expected[at] == got[at]) ++at;
  return name + ": expected " + std::to_string(expected.size()) + " characters, got " +
         std::to_string(got.size()) + "; first difference at character " + std::to_string(at) +
         " (expected \"" + expected.substr(at, 16) + "\", got \"" + got.substr(at, 16) + "\")";
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

VectorResult run_case(const VectorFile& file, std::size_t index) {
  std::string pointer = "/cases/" + std::to_string(index);
  JsonCursor c(file.name, file.document.at("cases").at(index), pointer);
  VectorResult result{file.name, file.case_ids[index], false, {}};

  std::optional<std::string> expected_error;  // "" = any error
  if (auto hints = c.optional_field("hints")) {
    if (auto error = hints->optional_field("expect-error")) {
      expected_error = error->json().is_string() ? error->string() : std::string();
    }
  }

  CaseOutputs outputs;
  try {
    outputs = file.kind->run(c.field("input"));
  } catch (const ModelError& e) {
    std::string message = e.what();
    if (!expected_error) {
      result.detail = "unexpected error: " + message;
    } else if (message.find(*expected_error) == std::string::npos) {
      result.detail =
          "expected an error containing \"" + *expected_error + "\", got error: " + message;
    } else {
      result.passed = true;
    }
    return result;
  } catch (const VectorFileError&) {
    throw;
  } catch (const std::exception& e) {
    // Not a documented model error: never a crash, but never a match for expect-error either.
    result.detail = std::string("unexpected exception: ") + e.what();
    return result;
  }
  if (expected_error) {
    result.detail = expected_error->empty()
                        ? std::string("expected an error, got success")
                        : "expected an error containing \"" + *expected_error + "\", got success";
    return result;
  }

  std::vector<std::string> differences;
  JsonCursor expect = c.field("expect");
  for (const FieldSpec& spec : file.kind->expect) {
    auto value = expect.optional_field(spec.name);
    if (!value) continue;
    std::string want = canonical_text(*value, spec.type);
    auto got = outputs.values().find(std::string(spec.name));
    if (got == outputs.values().end()) {
      differences.push_back(std::string(spec.name) + ": expected " + want + ", got no such output");
    } else if (got->second != want) {
      differences.push_back(describe_difference(std::string(spec.name), want, got->second));
    }
  }
  for (const std::string& failure : outputs.failures()) differences.push_back(failure);
  result.passed = differences.empty();
  result.detail = join(differences);
  return result;
}

}  // namespace

RunSummary run_vectors(const std::vector<fs::path>& paths, std::ostream& out) {
  std::vector<VectorFile> files;
  std::map<std::string, std::string> meta_ids;  // _meta.id -> file
  for (const fs::path& path : collect_files(paths)) {
    VectorFile file = load_vector_file(path);
    auto [it, inserted] = meta_ids.emplace(file.meta_id, file.name);
    if (!inserted) {
      throw VectorFileError(file.name + ": /_meta/id: \"" + file.meta_id +
                            "\" is already the id of " + it->second + " (ids are unique)");
    }
    files.push_back(std::move(file));
  }

  RunSummary summary;
  for (const VectorFile& file : files) {
    for (std::size_t i = 0; i < file.case_ids.size(); ++i) {
      VectorResult result = run_case(file, i);
      if (result.passed) {
        ++summary.passed;
        out << "PASS " << result.file << ' ' << result.id << '\n';
      } else {
        ++summary.failed;
        out << "FAIL " << result.file << ' ' << result.id << ": " << result.detail << '\n';
      }
      out.flush();
      summary.results.push_back(std::move(result));
    }
  }
  return summary;
}

}  // namespace sealsim::vectors
