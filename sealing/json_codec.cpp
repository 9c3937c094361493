// json_codec.cpp: JSON forms of the sealing record and event payloads.
#include "sealing/json_codec.hpp"

#include <stdexcept>
#include <type_traits>

#include "model/model_error.hpp"

namespace nlohmann {

void adl_serializer<sealsim::Bytes>::to_json(json& j, const sealsim::Bytes& bytes) {
  j = sealsim::to_hex(bytes);
}
void adl_serializer<sealsim::Bytes>::from_json(const json& j, sealsim::Bytes& bytes) {
  bytes = sealsim::from_hex(j.get<std::string>());
}
void adl_serializer<sealsim::Node32>::to_json(json& j, const sealsim::Node32& node) {
  j = sealsim::to_hex(sealsim::as_span(node));
}
void adl_serializer<sealsim::Node32>::from_json(const json& j, sealsim::Node32& node) {
  node = sealsim::node_from_hex(j.get<std::string>());
}

}  // namespace nlohmann

namespace sealsim {

void to_json(nlohmann::json& j, const Cid& cid) { j = cid.to_string(); }
void from_json(const nlohmann::json& j, Cid& cid) { cid = parse_cid(j.get<std::string>()); }
void to_json(nlohmann::json& j, const PieceInfo& piece) {
  j = nlohmann::json{{"Size", piece.size.bytes()}, {"PieceCID", piece.commitment}};
}
void from_json(const nlohmann::json& j, PieceInfo& piece) {
  piece.size = PaddedPieceSize(j.at("Size").get<std::uint64_t>());
  piece.commitment = j.at("PieceCID").get<Node32>();
}
void to_json(nlohmann::json& j, const TokenAmount& amount) { j = amount.to_string(); }
void from_json(const nlohmann::json& j, TokenAmount& amount) {
  amount = TokenAmount::parse(j.get<std::string>());
}

}  // namespace sealsim

namespace sealsim::sealing {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DealProposal, piece, verified_deal, client, provider, label,
                                   start_epoch, end_epoch)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DealSchedule, start_epoch, end_epoch)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DealInfo, publish_cid, deal_id, proposal, schedule, keep_unsealed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Piece, piece, deal)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorPreCommitInfo, seal_proof, sector_number, sealed_cid,
                                   seal_rand_epoch, deal_ids, expiration, replace_capacity,
                                   replace_sector_number, replace_sector_deadline,
                                   replace_sector_partition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorLogEntry, timestamp, trace, message, kind)

nlohmann::json sector_record_without_log(const SectorInfo& info) {
  return nlohmann::json{
      {"State", info.state_name()},
      {"SectorNumber", info.sector_number},
      {"SectorType", info.sector_type},
      {"CreationTime", info.creation_time},
      {"Pieces", info.pieces},
      {"TicketValue", info.ticket_value},
      {"TicketEpoch", info.ticket_epoch},
      {"PreCommit1Out", info.pre_commit1_out},
      {"CommD", info.comm_d},
      {"CommR", info.comm_r},
      {"Proof", info.proof},
      {"PreCommitInfo", info.pre_commit_info},
      {"PreCommitDeposit", info.pre_commit_deposit},
      {"PreCommitMessage", info.pre_commit_message},
      {"PreCommitTipSet", info.pre_commit_tipset},
      {"PreCommit2Fails", info.pre_commit2_fails},
      {"SeedValue", info.seed_value},
      {"SeedEpoch", info.seed_epoch},
      {"CommitMessage", info.commit_message},
      {"InvalidProofs", info.invalid_proofs},
      {"FaultReportMsg", info.fault_report_msg},
      {"Return", info.return_state},
      {"TerminateMessage", info.terminate_message},
      {"TerminatedAt", info.terminated_at},
      {"LastErr", info.last_err},
  };
}

void to_json(nlohmann::json& j, const SectorInfo& info) {
  j = sector_record_without_log(info);
  j["Log"] = info.log;
}

void from_json(const nlohmann::json& j, SectorInfo& info) {
  auto field = [&j](const char* key) -> const nlohmann::json& {
    if (!j.contains(key)) {
      throw std::runtime_error(std::string("sector record: missing field /") + key);
    }
    return j.at(key);
  };
  auto read = [&field](const char* key, auto& out) {
    try {
      field(key).get_to(out);
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(std::string("sector record: field /") + key + ": " + e.what());
    } catch (const ModelError& e) {
      throw std::runtime_error(std::string("sector record: field /") + key + ": " + e.what());
    }
  };
  std::string state;
  read("State", state);
  info.set_state_by_name(state);
  read("SectorNumber", info.sector_number);
  read("SectorType", info.sector_type);
  read("CreationTime", info.creation_time);
  read("Pieces", info.pieces);
  read("TicketValue", info.ticket_value);
  read("TicketEpoch", info.ticket_epoch);
  read("PreCommit1Out", info.pre_commit1_out);
  read("CommD", info.comm_d);
  read("CommR", info.comm_r);
  read("Proof", info.proof);
  read("PreCommitInfo", info.pre_commit_info);
  read("PreCommitDeposit", info.pre_commit_deposit);
  read("PreCommitMessage", info.pre_commit_message);
  read("PreCommitTipSet", info.pre_commit_tipset);
  read("PreCommit2Fails", info.pre_commit2_fails);
  read("SeedValue", info.seed_value);
  read("SeedEpoch", info.seed_epoch);
  read("CommitMessage", info.commit_message);
  read("InvalidProofs", info.invalid_proofs);
  read("FaultReportMsg", info.fault_report_msg);
  read("Return", info.return_state);
  read("TerminateMessage", info.terminate_message);
  read("TerminatedAt", info.terminated_at);
  read("LastErr", info.last_err);
  read("Log", info.log);
}

// Payload field lists (member names as keys).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorFatalError, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorForceState, state)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorStart, id, sector_type)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorStartCC, id, sector_type)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorPieceAdded, new_pieces)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorAddPieceFailed, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorPacked, filler_pieces)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorTicket, ticket_value, ticket_epoch)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorPreCommit1, pre_commit1_out)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorPreCommit2, sealed, unsealed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorPreCommitBatchSent, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorPreCommitLanded, tipset)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorSealPreCommit1Failed, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorSealPreCommit2Failed, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorChainPreCommitFailed, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorPreCommitted, message, pre_commit_deposit, pre_commit_info)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorSeedReady, seed_value, seed_epoch)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorComputeProofFailed, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorCommitFailed, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorDealsExpired, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorTicketExpired, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorCommitted, proof)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorProofReady, proof)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorCommitSubmitted, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorCommitAggregateSent, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorFinalizeFailed, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorInvalidDealIDs, return_state)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorUpdateDealIDs, updates)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorFaultReported, report_msg)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorTerminating, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorTerminated, terminated_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorTerminateFailed, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SectorRemoveFailed, error)

nlohmann::json event_payload_json(const SectorEvent& event) {
  return std::visit(
      [](const auto& e) -> nlohmann::json {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_empty_v<E>) {
          return nlohmann::json::object();
        } else {
          return nlohmann::json(e);
        }
      },
      event);
}

}  // namespace sealsim::sealing
