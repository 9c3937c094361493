// fsm_throughput_bench.cpp: events per second through the sector FSM (planner, MSM tables, state
// group) for 10,000 sectors driven along the happy path, with persistence off (memory store) and
// on (SQLite WAL store). Prints both rates and their ratio, measured in the same run; handlers
// finish at once so the numbers are the FSM's own cost.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "sealing/sector_state_group.hpp"
#include "sealing/sector_store_memory.hpp"
#include "sealing/sector_store_sqlite.hpp"

namespace {

using namespace sealsim;
using namespace sealsim::sealing;

class FixedClock final : public Clock {
 public:
  SimSeconds now() const override { return 1'600'000'000; }
  TimerId schedule_at(SimSeconds, std::function<void()>) override { return 0; }
  bool cancel(TimerId) override { return false; }
};

class FinishingHandlers final : public HandlerRunner {
 public:
  void run(SectorHandler, std::shared_ptr<HandlerRun> run) override { run->finish(); }
};

// A dag-cbor / blake2b-256 CID, the shape of a message CID.
Cid message_cid(SectorNumber n, std::uint8_t kind) {
  Bytes digest(32, kind);
  digest[0] = static_cast<std::uint8_t>(n);
  return Cid{0x71, 0xb220, digest};
}

std::vector<SectorEvent> happy_path(SectorNumber n) {
  Node32 comm_d{};
  comm_d[0] = static_cast<std::uint8_t>(n);
  const Cid unsealed = commitment_to_cid(CommitmentKind::Unsealed, comm_d);
  const Cid sealed = commitment_to_cid(CommitmentKind::Sealed, comm_d);
  SectorPreCommitInfo info;
  info.seal_proof = RegisteredSealProof::StackedDrg32GiBV1_1;
  info.sector_number = n;
  info.sealed_cid = sealed;
  info.seal_rand_epoch = 100;
  info.expiration = 600'000;
  return {SectorStartCC{n, RegisteredSealProof::StackedDrg32GiBV1_1},
          SectorPacked{},
          SectorTicket{Bytes(32, 1), 100},
          SectorPreCommit1{Bytes(64, 2)},
          SectorPreCommit2{sealed, unsealed},
          SectorPreCommitted{message_cid(n, 6), TokenAmount::from_nano(1'000'000), info},
          SectorPreCommitLanded{Bytes{3}},
          SectorSeedReady{Bytes(32, 4), 250},
          SectorCommitted{Bytes(1920, 5)},
          SectorCommitSubmitted{message_cid(n, 7)},
          SectorProving{},
          SectorFinalized{}};
}

// Returns events per second.
double drive(SectorStore& store, std::uint64_t sectors) {
  FixedClock clock;
  FinishingHandlers handlers;
  SectorStateGroup group(store, clock, handlers);
  std::uint64_t events = 0;
  const auto start = std::chrono::steady_clock::now();
  for (SectorNumber n = 0; n < sectors; ++n) {
    for (auto& event : happy_path(n)) {
      group.send(n, std::move(event));
      ++events;
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (!store.load(sectors - 1)->in_state(SectorState::Proving)) {
    std::fprintf(stderr, "fsm bench: last sector did not reach Proving\n");
    std::exit(1);
  }
  return static_cast<double>(events) / elapsed.count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t sectors = argc > 1 ? std::stoull(argv[1]) : 10'000;
  MemorySectorStore memory;
  const double off = drive(memory, sectors);

  const auto dir = std::filesystem::temp_directory_path() /
                   ("sealsim_fsm_bench_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  double on = 0;
  {
    SqliteSectorStore sqlite((dir / "sectors.db").string());
    on = drive(sqlite, sectors);
  }
  std::filesystem::remove_all(dir);

  std::printf("fsm throughput, %llu sectors x 12 events (happy path)\n",
              static_cast<unsigned long long>(sectors));
  std::printf("  persistence off (memory store): %12.0f events/s\n", off);
  std::printf("  persistence on  (SQLite WAL)  : %12.0f events/s\n", on);
  std::printf("  ratio on/off                  : %12.3f\n", on / off);
  return 0;
}
