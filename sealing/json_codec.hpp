// json_codec.hpp: JSON forms of the sealing record and event payloads (persisted record, log
// messages, traces). Byte strings are hex, CIDs their base32 string, states their Lotus name.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "sealing/sector_event_list.hpp"
#include "sealing/sector_info.hpp"

namespace nlohmann {

template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    if (value) {
      j = *value;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& value) {
    if (j.is_null()) {
      value.reset();
    } else {
      value = j.get<T>();
    }
  }
};

template <>
struct adl_serializer<sealsim::Bytes> {
  static void to_json(json& j, const sealsim::Bytes& bytes);
  static void from_json(const json& j, sealsim::Bytes& bytes);
};

template <>
struct adl_serializer<sealsim::Node32> {
  static void to_json(json& j, const sealsim::Node32& node);
  static void from_json(const json& j, sealsim::Node32& node);
};

}  // namespace nlohmann

namespace sealsim {
void to_json(nlohmann::json& j, const Cid& cid);
void from_json(const nlohmann::json& j, Cid& cid);
void to_json(nlohmann::json& j, const PieceInfo& piece);
void from_json(const nlohmann::json& j, PieceInfo& piece);
void to_json(nlohmann::json& j, const TokenAmount& amount);
void from_json(const nlohmann::json& j, TokenAmount& amount);
}  // namespace sealsim

namespace sealsim::sealing {

void to_json(nlohmann::json& j, const SectorInfo& info);
// Every field of to_json(info) but "Log": the SQLite store keeps the log as rows of its own, and a
// record's log is most of its JSON.
nlohmann::json sector_record_without_log(const SectorInfo& info);
// Throws std::runtime_error naming the JSON path and what was expected.
void from_json(const nlohmann::json& j, SectorInfo& info);

nlohmann::json event_payload_json(const SectorEvent& event);

}  // namespace sealsim::sealing
