// trace.cpp: JSON Lines trace records and their running SHA-256 (OpenSSL EVP).
#include "scenarios/trace.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <cstdint>
#include <stdexcept>
#include <utility>

#include "model/bytes.hpp"

namespace sealsim::scenarios {

namespace {
constexpr const char* kFormat = "sealsim-trace/1";

// A string member: "" when absent, nullopt when present with another type.
std::optional<std::string> string_member(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
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
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  // Every field with the type trace_line writes, else the line is not an event record (a typed
  // answer, never a json::type_error: found by fuzz/trace_fuzz.cpp).
  const auto epoch = j.find("epoch");
  if (epoch == j.end() || !epoch->is_number_integer()) return std::nullopt;
  if (epoch->is_number_unsigned() && epoch->get<std::uint64_t>() > std::uint64_t{INT64_MAX}) return std::nullopt;
  TraceEvent e;
  e.epoch = epoch->get<ChainEpoch>();
  const auto event = string_member(j, "event");
  const auto component = string_member(j, "component");
  const auto from = string_member(j, "from");
  const auto to = string_member(j, "to");
  const auto details = string_member(j, "details");
  if (!j.contains("event") || !event || !component || !from || !to || !details) return std::nullopt;
  e.component = *component;
  e.event = *event;
  e.from = *from;
  e.to = *to;
  e.details = *details;
  for (const auto& [key, field] : {std::pair{"sector", &e.sector}, std::pair{"deal", &e.deal}}) {
    const auto value = j.find(key);
    if (value == j.end()) continue;
    if (!value->is_number_unsigned()) return std::nullopt;
    *field = value->get<std::uint64_t>();
  }
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
  const auto not_a_header = [] {
    return std::runtime_error(std::string("the first line is not a ") + kFormat + " header record");
  };
  if (j.is_discarded() || !j.is_object()) throw not_a_header();
  const auto record = string_member(j, "record");
  const auto format = string_member(j, "format");
  const auto name = string_member(j, "scenario_name");
  const auto file = string_member(j, "scenario_file");
  const auto proofs = string_member(j, "proofs");
  if (record != "header" || format != kFormat || !name || !file || !proofs || !j.contains("scenario") ||
      !j["scenario"].is_string() || !j.contains("seed") || !j["seed"].is_number_unsigned()) {
    throw not_a_header();
  }
  return TraceHeader{*name, *file, j["seed"].get<std::uint64_t>(), j.contains("proofs") ? *proofs : "mock",
                     j["scenario"].get<std::string>()};
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
