// sector_record_test.cpp: the SectorInfo record (spec §2): apply steps of the events (§4), the
// derived helpers (§2.1), the log rules (§2.2) and the JSON form used by the store.
#include <string>

#include <gtest/gtest.h>

#include "sealing/json_codec.hpp"
#include "sealing/sector_event_list.hpp"

namespace sealsim::sealing {
namespace {

Piece deal_piece(std::uint64_t padded, DealId id, bool keep) {
  Piece p;
  p.piece.size = PaddedPieceSize(padded);
  p.piece.commitment[0] = static_cast<std::uint8_t>(id);
  p.deal = DealInfo{};
  p.deal->deal_id = id;
  p.deal->keep_unsealed = keep;
  return p;
}

TEST(SectorRecord, ApplyStepsWriteWhatTheSpecSays) {
  SectorInfo info;
  apply_event(SectorStart{7, RegisteredSealProof::StackedDrg32GiBV1_1}, info, 100);
  EXPECT_EQ(info.sector_number, 7u);
  EXPECT_EQ(info.sector_type, RegisteredSealProof::StackedDrg32GiBV1_1);

  apply_event(SectorAddPiece{}, info, 100);
  apply_event(SectorAddPiece{}, info, 200);
  EXPECT_EQ(info.creation_time, 100) << "only set when still 0";

  apply_event(SectorPieceAdded{{deal_piece(1024, 5, false)}}, info, 0);
  apply_event(SectorPacked{{PieceInfo{PaddedPieceSize(1024), {}}}}, info, 0);
  ASSERT_EQ(info.pieces.size(), 2u);
  EXPECT_FALSE(info.pieces[1].deal.has_value());

  apply_event(SectorSealPreCommit2Failed{"x"}, info, 0);
  apply_event(SectorSealPreCommit2Failed{"x"}, info, 0);
  EXPECT_EQ(info.pre_commit2_fails, 2u);
  apply_event(SectorPreCommit1{Bytes{1, 2, 3}}, info, 0);
  EXPECT_EQ(info.pre_commit2_fails, 0u);
  EXPECT_EQ(info.pre_commit1_out, (Bytes{1, 2, 3}));

  apply_event(SectorRetryComputeProof{}, info, 0);
  apply_event(SectorRetryInvalidProof{}, info, 0);
  EXPECT_EQ(info.invalid_proofs, 2u);
  apply_event(SectorSealPreCommit1Failed{"x"}, info, 0);
  EXPECT_EQ(info.invalid_proofs, 0u);

  apply_event(SectorUpdateDealIDs{{{0, 99}, {1, 77}}}, info, 0);
  EXPECT_EQ(info.pieces[0].deal->deal_id, 99u);
  EXPECT_FALSE(info.pieces[1].deal.has_value()) << "filler pieces have no deal to update";

  apply_event(SectorTerminated{1234}, info, 0);
  EXPECT_EQ(info.terminated_at, 1234);

  // Global events have no regular apply: the planner applies them.
  apply_event(SectorRemove{}, info, 0);
  EXPECT_TRUE(info.in_state(SectorState::Undefined));
}

TEST(SectorRecord, KeepUnsealedRangesWalkUnpaddedOffsets) {
  SectorInfo info;
  info.pieces = {deal_piece(1024, 1, true), Piece{PieceInfo{PaddedPieceSize(1024), {}}, std::nullopt},
                 deal_piece(2048, 2, false)};
  // Unpadded sizes: 1016, 1016, 2032.
  EXPECT_EQ(keep_unsealed_ranges(info, false, false), (std::vector<UnpaddedRange>{{0, 1016}}));
  EXPECT_EQ(keep_unsealed_ranges(info, true, false), (std::vector<UnpaddedRange>{{2032, 2032}}));
  EXPECT_EQ(keep_unsealed_ranges(info, false, true),
            (std::vector<UnpaddedRange>{{0, 1016}, {2032, 2032}}));
  EXPECT_TRUE(keep_unsealed_ranges(info, true, true).empty());
  EXPECT_EQ(info.deal_ids(), (std::vector<DealId>{1, 2}));
  EXPECT_TRUE(info.has_deals());
  EXPECT_EQ(sealing_priority(info), 1024);
}

TEST(SectorLog, MessagesAreTruncatedAt8000Bytes) {
  const std::string shortened = truncate_log_message(std::string(9000, 'a'));
  EXPECT_EQ(shortened.size(), 8000u + std::string("... truncated").size());
  EXPECT_EQ(truncate_log_message("abc"), "abc");
}

TEST(SectorLog, LongLogsLoseEntries2000To5999AndTheMarker) {
  std::vector<SectorLogEntry> log;
  for (std::uint64_t i = 0; i < 8001; ++i) {
    log.push_back(SectorLogEntry{i, "", "", ""});
  }
  append_log_entry(log, SectorLogEntry{9999, "", "", ""});
  ASSERT_EQ(log.size(), 8001u - 4000u + 1u);
  EXPECT_EQ(log[1999].timestamp, 1999u);
  EXPECT_EQ(log[2000].timestamp, 6000u) << "no truncation marker survives (Q15)";
  EXPECT_EQ(log.back().timestamp, 9999u);
}

TEST(SectorRecord, JsonRoundTripKeepsEveryFieldAndTheStateName) {
  // The record of Lotus's TestSectorInfoSerialization (spec §13.6), plus more fields.
  SectorInfo info;
  info.set_state(SectorState::FinalizeSector);
  info.sector_number = 234;
  Piece p = deal_piece(2048, 1234, false);
  p.deal->schedule = DealSchedule{0, 100};
  p.deal->proposal = DealProposal{p.piece, false, 1000, 1001, "label", 0, 100};
  info.pieces.push_back(p);
  info.comm_d = commitment_to_cid(CommitmentKind::Unsealed, Node32{});
  info.ticket_value = Bytes{87, 78, 7, 87};
  info.ticket_epoch = 345;
  info.last_err = "hi";
  info.log.push_back(SectorLogEntry{1, "t", "m", "k"});

  const nlohmann::json j = info;
  EXPECT_EQ(j.at("State"), "FinalizeSector");
  const SectorInfo back = j.get<SectorInfo>();
  EXPECT_EQ(back, info);

  SectorInfo unlisted;
  unlisted.set_state_by_name("not a state");
  EXPECT_EQ(nlohmann::json(unlisted).get<SectorInfo>().state_name(), "not a state");
}

TEST(SectorRecord, JsonErrorsNameTheField) {
  nlohmann::json j = SectorInfo{};
  j.erase("SeedEpoch");
  try {
    (void)j.get<SectorInfo>();
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/SeedEpoch"), std::string::npos) << e.what();
  }
  j = SectorInfo{};
  j["TicketValue"] = "zz";
  EXPECT_THROW((void)j.get<SectorInfo>(), std::runtime_error);
}

}  // namespace
}  // namespace sealsim::sealing
