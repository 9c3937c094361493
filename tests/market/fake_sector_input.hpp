// fake_sector_input.hpp: DealSectorInput fakes. ScriptedSectorInput answers AddPiece calls from a
// script (then repeats its last answer); PackingSectorInput assigns pieces to sectors first-fit in
// arrival order, so properties can check that no deal lands in two sectors and no sector overflows.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sealing/market/sector_input.hpp"

namespace sealsim::market::test {

class ScriptedSectorInput : public DealSectorInput {
 public:
  std::deque<AddPieceOutcome> script;
  AddPieceOutcome last = AddPieceOutcome::ok({1, PaddedPieceSize(0)});
  struct Call {
    UnpaddedPieceSize size;
    std::size_t data_size;
    PieceDealInfo info;
  };
  std::vector<Call> calls;

  void add_piece_to_any_sector(UnpaddedPieceSize size, Bytes data, PieceDealInfo info,
                               std::function<void(AddPieceOutcome)> done) override {
    calls.push_back({size, data.size(), info});
    if (!script.empty()) {
      last = script.front();
      script.pop_front();
    }
    done(last);
  }
};

class PackingSectorInput : public DealSectorInput {
 public:
  explicit PackingSectorInput(PaddedPieceSize sector_size) : sector_size_(sector_size) {}

  struct Sector {
    std::uint64_t used = 0;  // padded bytes
    std::vector<std::string> proposal_cids;
  };
  std::map<SectorNumber, Sector> sectors;
  std::map<std::string, std::vector<SectorNumber>> sectors_of_deal;

  void add_piece_to_any_sector(UnpaddedPieceSize size, Bytes data, PieceDealInfo info,
                               std::function<void(AddPieceOutcome)> done) override {
    const std::uint64_t padded = size.padded().bytes();
    if (data.size() != size.bytes() || padded > sector_size_.bytes()) {
      done(AddPieceOutcome::fail("piece cannot fit into a sector"));
      return;
    }
    SectorNumber chosen = next_sector_;
    for (auto& [number, sector] : sectors) {
      // Pieces are aligned to their own size in a sector: round the offset up.
      const std::uint64_t offset = (sector.used + padded - 1) / padded * padded;
      if (offset + padded <= sector_size_.bytes()) {
        chosen = number;
        break;
      }
    }
    Sector& sector = sectors[chosen];
    if (chosen == next_sector_) {
      ++next_sector_;
    }
    const std::uint64_t offset = (sector.used + padded - 1) / padded * padded;
    sector.used = offset + padded;
    sector.proposal_cids.push_back(info.proposal_cid);
    sectors_of_deal[info.proposal_cid].push_back(chosen);
    done(AddPieceOutcome::ok({chosen, PaddedPieceSize(offset)}));
  }
  PaddedPieceSize sector_size() const { return sector_size_; }

 private:
  PaddedPieceSize sector_size_;
  SectorNumber next_sector_ = 1;
};

}  // namespace sealsim::market::test
