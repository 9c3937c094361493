// call_tracker.cpp: work identification and the call record life cycle.
#include "sealing/storage/call_tracker.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace sealsim::sealing {
namespace {

constexpr std::size_t kMaxInlineParameters = 256;

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL SHA-256 failed while naming a call");
  }
  return to_hex(ByteSpan(digest.data(), length));
}

}  // namespace

std::string CallKey::to_string() const {
  return std::string(task_type_info(task).id) + "(" + parameters + ")";
}

CallKey make_call_key(TaskType task, std::string_view parameters_json) {
  if (parameters_json.size() > kMaxInlineParameters) return CallKey{task, sha256_hex(parameters_json)};
  return CallKey{task, std::string(parameters_json)};
}

std::string_view to_string(CallState state) {
  switch (state) {
    case CallState::Started: return "started";
    case CallState::Running: return "running";
    case CallState::Done: return "done";
  }
  return "unknown";
}

std::optional<CallRecord> InMemoryCallRecordStore::get(const CallKey& key) const {
  const auto found = records_.find(key);
  if (found == records_.end()) return std::nullopt;
  return found->second;
}

void InMemoryCallRecordStore::put(const CallRecord& record) { records_[record.key] = record; }
void InMemoryCallRecordStore::erase(const CallKey& key) { records_.erase(key); }

std::vector<CallRecord> InMemoryCallRecordStore::all() const {
  std::vector<CallRecord> result;
  for (const auto& [key, record] : records_) result.push_back(record);
  return result;
}

std::vector<CallRecord> CallTracker::recover(bool abort_unfinished) {
  std::vector<CallRecord> kept;
  for (const CallRecord& record : store_.all()) {
    const bool drop = record.state == CallState::Started ||
                      (abort_unfinished && record.state == CallState::Running);
    if (drop) {
      store_.erase(record.key);
    } else {
      kept.push_back(record);
    }
  }
  return kept;
}

CallTracker::StartResult CallTracker::start(const CallKey& key) {
  if (auto existing = store_.get(key)) {
    const Start start = existing->state == CallState::Done ? Start::AlreadyDone : Start::InFlight;
    return StartResult{start, *existing};
  }
  CallRecord record;
  record.key = key;
  store_.put(record);
  return StartResult{Start::New, record};
}

void CallTracker::mark_running(const CallKey& key, TaskId worker_call) {
  auto record = store_.get(key);
  if (!record) throw std::logic_error("call " + key.to_string() + " was never started");
  if (record->state == CallState::Done) return;  // the result came first
  record->state = CallState::Running;
  record->worker_call = worker_call;
  store_.put(*record);
}

void CallTracker::mark_done(const CallKey& key, Bytes result, std::optional<std::string> error) {
  CallRecord record = store_.get(key).value_or(CallRecord{key, CallState::Started, {}, {}, {}});
  record.state = CallState::Done;
  record.result = std::move(result);
  record.error = std::move(error);
  store_.put(record);
}

}  // namespace sealsim::sealing
