// fake_chain_events.hpp: a SealingEvents fake whose height the test moves: apply callbacks run on
// the FakeClock when the height reaches the target + confidence, revert callbacks when the test
// reorgs below it (and apply again once it is re-reached), as events.ChainAt promises.
#pragma once

#include <vector>

#include "sealing/sealing_events.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing::test {

class FakeChainEvents final : public SealingEvents {
 public:
  FakeChainEvents(FakeClock& clock, ChainEpoch height) : clock_(clock), height_(height) {}

  std::optional<std::string> fail_next_chain_at;  // chain_at returns this error once

  Result<Unit> chain_at(ApplyCallback apply, RevertCallback revert, int confidence,
                        ChainEpoch height) override {
    if (fail_next_chain_at) {
      auto error = std::move(*fail_next_chain_at);
      fail_next_chain_at.reset();
      return Result<Unit>::fail(error);
    }
    watches_.push_back(Watch{std::move(apply), std::move(revert), height + confidence, height, false});
    set_height(height_);
    return Result<Unit>::ok({});
  }

  ChainEpoch height() const { return height_; }
  std::size_t watches() const { return watches_.size(); }

  // Moves the head to `height` (up: applies due watches; down: reverts applied ones above it).
  void set_height(ChainEpoch height) {
    height_ = height;
    for (std::size_t i = 0; i < watches_.size(); ++i) {
      Watch& watch = watches_[i];
      if (!watch.applied && height_ >= watch.trigger) {
        watch.applied = true;
        clock_.schedule_at(clock_.now(), [this, i] {
          const Watch& w = watches_[i];
          w.apply(Bytes{static_cast<std::uint8_t>(height_ & 0xff)}, height_);
        });
      } else if (watch.applied && height_ < watch.height) {
        watch.applied = false;
        clock_.schedule_at(clock_.now(), [this, i] {
          watches_[i].revert(Bytes{static_cast<std::uint8_t>(height_ & 0xff)});
        });
      }
    }
  }

 private:
  struct Watch {
    ApplyCallback apply;
    RevertCallback revert;
    ChainEpoch trigger;  // height + confidence
    ChainEpoch height;
    bool applied;
  };
  FakeClock& clock_;
  ChainEpoch height_;
  std::vector<Watch> watches_;
};

}  // namespace sealsim::sealing::test
