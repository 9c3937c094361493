// sector_event_list.cpp: event names, log kinds, JSON, and the apply step of each mutator (spec §4).
#include "sealing/sector_event_list.hpp"

#include <stdexcept>
#include <type_traits>

#include "sealing/json_codec.hpp"

namespace sealsim::sealing {

static_assert(kSectorEventCount == 56, "Lotus v1.11.0 has 56 sector events (spec §4)");
static_assert(std::variant_size_v<SectorEvent> == kSectorEventCount + 1);

EventType event_type(const SectorEvent& event) {
  if (event.index() == 0) {
    throw std::logic_error("sector event: empty event variant");
  }
  return static_cast<EventType>(event.index() - 1);
}

std::string_view event_name(const SectorEvent& event) { return event_info(event_type(event)).name; }

std::string event_error(const SectorEvent& event) {
  return std::visit(
      [](const auto& e) -> std::string {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, std::monostate>) {
          return {};
        } else if constexpr (carries_error(EventTraits<E>::capability)) {
          return e.error;
        } else {
          return {};
        }
      },
      event);
}

std::string event_log_kind(EventType type) {
  return "event;sealing." + std::string(event_info(type).name);
}

std::string event_json(const SectorEvent& event) {
  nlohmann::json wrapper{{"User", event_payload_json(event)}};
  return wrapper.dump();
}

namespace {

struct Apply {
  SectorInfo& info;
  std::int64_t now;

  void operator()(const SectorStart& e) const {
    info.sector_number = e.id;
    info.sector_type = e.sector_type;
  }
  void operator()(const SectorStartCC& e) const {
    info.sector_number = e.id;
    info.sector_type = e.sector_type;
  }
  void operator()(const SectorAddPiece&) const {
    if (info.creation_time == 0) {
      info.creation_time = now;
    }
  }
  void operator()(const SectorPieceAdded& e) const {
    info.pieces.insert(info.pieces.end(), e.new_pieces.begin(), e.new_pieces.end());
  }
  void operator()(const SectorPacked& e) const {
    for (const auto& filler : e.filler_pieces) {
      info.pieces.push_back(Piece{filler, std::nullopt});
    }
  }
  void operator()(const SectorTicket& e) const {
    info.ticket_value = e.ticket_value;
    info.ticket_epoch = e.ticket_epoch;
  }
  void operator()(const SectorPreCommit1& e) const {
    info.pre_commit1_out = e.pre_commit1_out;
    info.pre_commit2_fails = 0;
  }
  void operator()(const SectorPreCommit2& e) const {
    info.comm_d = e.unsealed;
    info.comm_r = e.sealed;
  }
  void operator()(const SectorPreCommitBatchSent& e) const { info.pre_commit_message = e.message; }
  void operator()(const SectorPreCommitLanded& e) const { info.pre_commit_tipset = e.tipset; }
  void operator()(const SectorSealPreCommit1Failed&) const {
    info.invalid_proofs = 0;
    info.pre_commit2_fails = 0;
  }
  void operator()(const SectorSealPreCommit2Failed&) const {
    info.invalid_proofs = 0;
    info.pre_commit2_fails += 1;
  }
  void operator()(const SectorPreCommitted& e) const {
    info.pre_commit_message = e.message;
    info.pre_commit_deposit = e.pre_commit_deposit;
    info.pre_commit_info = e.pre_commit_info;
  }
  void operator()(const SectorSeedReady& e) const {
    info.seed_value = e.seed_value;
    info.seed_epoch = e.seed_epoch;
  }
  void operator()(const SectorCommitted& e) const { info.proof = e.proof; }
  void operator()(const SectorProofReady& e) const { info.proof = e.proof; }
  void operator()(const SectorCommitSubmitted& e) const { info.commit_message = e.message; }
  void operator()(const SectorCommitAggregateSent& e) const { info.commit_message = e.message; }
  void operator()(const SectorRetryComputeProof&) const { info.invalid_proofs += 1; }
  void operator()(const SectorRetryInvalidProof&) const { info.invalid_proofs += 1; }
  void operator()(const SectorInvalidDealIDs& e) const { info.return_state = e.return_state; }
  void operator()(const SectorUpdateDealIDs& e) const {
    // Lotus indexes the slice directly; an index past the end would panic the node. Such an
    // update is never produced by handleRecoverDealIDs, so it is ignored here.
    for (const auto& [index, deal_id] : e.updates) {
      if (index < info.pieces.size() && info.pieces[index].deal) {
        info.pieces[index].deal->deal_id = deal_id;
      }
    }
  }
  void operator()(const SectorFaultReported& e) const { info.fault_report_msg = e.report_msg; }
  void operator()(const SectorTerminating& e) const { info.terminate_message = e.message; }
  void operator()(const SectorTerminated& e) const { info.terminated_at = e.terminated_at; }

  // Every other listed event has an empty apply ("nothing" in spec §4), is global (applied by
  // the planner) or plain.
  template <class E>
  void operator()(const E&) const {}
};

}  // namespace

void apply_event(const SectorEvent& event, SectorInfo& info, std::int64_t now) {
  std::visit(Apply{info, now}, event);
}

}  // namespace sealsim::sealing
