// temp_vector_dir.hpp: a scratch directory per test for hand-written vector files.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace sealsim::vectors::testing {

class TempVectorDir {
 public:
  TempVectorDir() {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("sealsim_vectors_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempVectorDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempVectorDir(const TempVectorDir&) = delete;
  TempVectorDir& operator=(const TempVectorDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// A valid file header for hand-written vectors; `cases` is the JSON text of the cases array.
inline std::string vector_document(const std::string& kind, const std::string& cases,
                                   const std::string& id = "test-file") {
  return R"({"_meta": {"id": ")" + id +
         R"(", "description": "hand-written test vectors", "gen": [{"source": "go-state-types abi/piece_test.go", "version": "v0.1.0"}], "tags": ["published"]}, "kind": ")" +
         kind + R"(", "cases": )" + cases + "}";
}

}  // namespace sealsim::vectors::testing
