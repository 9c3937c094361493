// partial_handler_runner.hpp: a HandlerRunner for tests that runs the handlers implemented so far
// and parks the others (recording the handler and leaving the sector busy), so a test can stop at
// the first state whose handler is not built yet.
#pragma once

#include <memory>
#include <vector>

#include "sealing/handlers.hpp"

namespace sealsim::sealing::test {

class PartialHandlerRunner final : public HandlerRunner {
 public:
  explicit PartialHandlerRunner(SealingHandlers& real) : real_(real) {}
  void run(SectorHandler handler, std::shared_ptr<HandlerRun> run) override {
    started.push_back(handler);
    if (SealingHandlers::implemented(handler)) {
      real_.run(handler, run);
    } else {
      parked.push_back(run);
    }
  }
  std::vector<SectorHandler> started;
  std::vector<std::shared_ptr<HandlerRun>> parked;

 private:
  SealingHandlers& real_;
};

}  // namespace sealsim::sealing::test
