// file_store.hpp: the provider's piece file store (go-fil-markets filestore): offline deals' piece
// files, retrieval metadata files, temp files of ImportDataForDeal. The simulation keeps the files
// in memory (MemoryFileStore); the interface lets tests fail a read.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "model/bytes.hpp"
#include "sealing/result.hpp"

namespace sealsim::market {

class FileStore {
 public:
  virtual ~FileStore() = default;
  virtual sealing::Result<Bytes> open(const std::string& path) = 0;
  virtual void write(const std::string& path, Bytes contents) = 0;
  // A new temp file holding `contents`; returns its path.
  virtual std::string create_temp(Bytes contents) = 0;
  virtual sealing::Result<sealing::Unit> remove(const std::string& path) = 0;
  virtual bool exists(const std::string& path) const = 0;
};

class MemoryFileStore final : public FileStore {
 public:
  sealing::Result<Bytes> open(const std::string& path) override {
    const auto it = files_.find(path);
    if (it == files_.end()) {
      return sealing::Result<Bytes>::fail("file not found");
    }
    return sealing::Result<Bytes>::ok(it->second);
  }
  void write(const std::string& path, Bytes contents) override { files_[path] = std::move(contents); }
  std::string create_temp(Bytes contents) override {
    std::string path = "tmp/fstmp" + std::to_string(next_temp_++);
    files_[path] = std::move(contents);
    return path;
  }
  sealing::Result<sealing::Unit> remove(const std::string& path) override {
    if (files_.erase(path) == 0) {
      return sealing::Result<sealing::Unit>::fail("file not found");
    }
    return sealing::Result<sealing::Unit>::ok({});
  }
  bool exists(const std::string& path) const override { return files_.count(path) != 0; }
  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, Bytes> files_;
  std::uint64_t next_temp_ = 1;
};

}  // namespace sealsim::market
