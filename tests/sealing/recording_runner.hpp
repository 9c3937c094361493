// recording_runner.hpp: a HandlerRunner for tests that records every handler it starts and runs
// it through the real SealingHandlers. A test can name handlers to park instead (the sector stays
// busy in that state until the test finishes or sends through the parked run), to hold a sector
// at a state and look at it there; or handlers to stall (they return at once without an event, as
// a Lotus handler that STALLs), so events queued for that state are planned without its work.
#pragma once

#include <memory>
#include <set>
#include <vector>

#include "sealing/handlers.hpp"

namespace sealsim::sealing::test {

class RecordingRunner final : public HandlerRunner {
 public:
  explicit RecordingRunner(SealingHandlers& real) : real_(real) {}
  void run(SectorHandler handler, std::shared_ptr<HandlerRun> run) override {
    started.push_back(handler);
    if (park.count(handler) != 0) {
      parked.push_back(run);
    } else if (stall.count(handler) != 0) {
      run->finish();
    } else {
      real_.run(handler, run);
    }
  }
  std::vector<SectorHandler> started;
  std::set<SectorHandler> park;
  std::set<SectorHandler> stall;
  std::vector<std::shared_ptr<HandlerRun>> parked;

 private:
  SealingHandlers& real_;
};

}  // namespace sealsim::sealing::test
