// trace.cpp: JSON Lines trace records and their running SHA-256 (OpenSSL EVP).
#include "scenarios/trace.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <stdexcept>

#include "model/bytes.hpp"

namespace sealsim::scenarios {

namespace {
constexpr const char* kFormat = "sealsim-trace/1";
using Ordered = nlohmann::ordered_json;
}  // namespace

std::string trace_line(const TraceEvent& e) {
  Ordered j;
  j["epoch"] = e.epoch;
  j["component"] = e.component;
  if (e.sector) j["sector"] = *e.sector;
  if (e.deal) j["deal"] = *e.deal;
  j["event"] = e.event;
  if (!e.from.empty()) j["from"] = e.from;
  if (!e.to.empty()) j["to"] = e.to;
  if (!e.details.empty()) j["details"] = e.details;
  return j.dump();
}

std::optional<TraceEvent> parse_trace_line(const std::string& line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("epoch") || !j.contains("event")) return std::nullopt;
  TraceEvent e;
  e.epoch = j["epoch"].get<ChainEpoch>();
  e.component = j.value("component", "");
  if (j.contains("sector")) e.sector = j["sector"].get<SectorNumber>();
  if (j.contains("deal")) e.deal = j["deal"].get<DealId>();
  e.event = j["event"].get<std::string>();
  e.from = j.value("from", "");
  e.to = j.value("to", "");
  e.details = j.value("details", "");
  return e;
}

std::string trace_header_line(const TraceHeader& h) {
  Ordered j;
  j["record"] = "header";
  j["format"] = kFormat;
  j["scenario_name"] = h.scenario_name;
  j["scenario_file"] = h.scenario_file;
  j["seed"] = h.seed;
  j["proofs"] = h.proofs;
  j["scenario"] = h.scenario_text;
  return j.dump();
}

TraceHeader parse_trace_header(const std::string& line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("record", "") != "header" || j.value("format", "") != kFormat ||
      !j.contains("scenario") || !j["scenario"].is_string() || !j.contains("seed") || !j["seed"].is_number_unsigned()) {
    throw std::runtime_error(std::string("the first line is not a ") + kFormat + " header record");
  }
  return TraceHeader{j.value("scenario_name", ""), j.value("scenario_file", ""), j["seed"].get<std::uint64_t>(),
                     j.value("proofs", "mock"), j["scenario"].get<std::string>()};
}

struct Trace::Digest {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Digest() { EVP_MD_CTX_free(ctx); }
};

Trace::Trace(std::ostream* out) : out_(out), digest_(std::make_unique<Digest>()) {
  if (digest_->ctx == nullptr || EVP_DigestInit_ex(digest_->ctx, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL: cannot initialise SHA-256");
  }
}

Trace::~Trace() = default;

void Trace::write(const std::string& line, const std::string& hashed) {
  const std::string with_newline = hashed + "\n";
  EVP_DigestUpdate(digest_->ctx, with_newline.data(), with_newline.size());
  if (out_ != nullptr) *out_ << line << "\n";
}

void Trace::header(const TraceHeader& header) {
  // The file's path as typed depends on the working folder, not on the run: it is written but
  // left out of the hash, so the same scenario gives the same hash from anywhere.
  TraceHeader hashed = header;
  hashed.scenario_file.clear();
  write(trace_header_line(header), trace_header_line(hashed));
}

void Trace::add(TraceEvent event) {
  const std::string line = trace_line(event);
  write(line, line);
  events_.push_back(std::move(event));
}

std::string Trace::hash() const {
  EVP_MD_CTX* copy = EVP_MD_CTX_new();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (copy == nullptr || EVP_MD_CTX_copy_ex(copy, digest_->ctx) != 1 || EVP_DigestFinal_ex(copy, out, &size) != 1) {
    EVP_MD_CTX_free(copy);
    throw std::runtime_error("OpenSSL: cannot finish SHA-256");
  }
  EVP_MD_CTX_free(copy);
  return to_hex(ByteSpan(out, size));
}

}  // namespace sealsim::scenarios
