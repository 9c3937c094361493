// pipeline_wiring.cpp: the one place that picks the scenario runs' sector manager and batchers.
#include "scenarios/pipeline_wiring.hpp"

#include "scenarios/mock_sector_manager.hpp"
#include "scenarios/pass_through_batchers.hpp"

namespace sealsim::scenarios {

SealingPipeline make_sealing_pipeline(const Scenario& scenario, sealing::Clock& clock, ChainAdapter& chain) {
  SealingPipeline p;
  if (scenario.proofs != ProofsBackend::Mock) {
    p.unavailable = "proofs backend '" + std::string(proofs_name(scenario.proofs)) +
                    "' cannot drive a scenario yet: the sector manager that runs it is not wired "
                    "(scenarios/pipeline_wiring.cpp); use --proofs mock";
  }
  auto sealer = std::make_shared<MockSectorManager>(clock, scenario.durations);
  p.holds_sealed_copy = [sealer](SectorNumber n) { return sealer->holds_sealed_copy(n); };
  p.on_restart = [sealer] { sealer->abandon_in_flight(); };
  p.sealer = sealer;
  p.verifier = std::make_shared<MockSealVerifier>();
  auto batchers = std::make_shared<PassThroughBatchers>(chain, clock, scenario.fees);
  p.pre_commits = batchers;
  p.commits = batchers;
  p.terminations = batchers;
  p.unsupported_events = {
      {"deal", "deal events need the deals layer (market FSM and input packing), not wired into scenarios yet"},
      {"worker_lost", "worker loss needs sealing/storage's scheduler as the sector manager, not wired yet"},
      {"path_full", "storage paths need sealing/storage's manager as the sector manager, not wired yet"},
  };
  return p;
}

}  // namespace sealsim::scenarios
