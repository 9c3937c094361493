// scheduler_bench.cpp: scheduled tasks per second of the sector-storage scheduler for a farm of
// 10,000 32 GiB sectors (AP → PC1 → PC2 → C1 → C2 → Finalize, each submitted when the previous
// ends) over 100 simulated workers, with published lotus-bench durations and seeded jitter.
//
// Baseline, measured in the same run on the same task stream: a first-come first-fit placer
// (no windows, priorities, preparing budget or utilization ordering) over the same event queue,
// i.e. the cheapest scheduler that still respects worker resources. The ratio shows what the
// Lotus scheduling model costs on top of it. Both run --rounds times and keep their best time.
//
// Usage: sealsim_scheduler_bench [--sectors N] [--workers N] [--rounds N] [--seed N]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/deterministic_rng.hpp"
#include "bench/bench_arguments.hpp"
#include "sealing/storage/resource_table.hpp"
#include "sealing/storage/scheduler.hpp"
#include "sealing/storage/task_timing_model.hpp"
#include "sealing/storage/worker_resources.hpp"

namespace {

using namespace sealsim;
using namespace sealsim::sealing;

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
constexpr RegisteredSealProof kProof = RegisteredSealProof::StackedDrg32GiBV1_1;
constexpr std::array<TaskType, 6> kPipeline{TaskType::AddPiece, TaskType::PreCommit1,
                                            TaskType::PreCommit2, TaskType::Commit1,
                                            TaskType::Commit2, TaskType::Finalize};

struct Options {
  std::uint64_t sectors = 10000;
  std::uint64_t workers = 100;
  unsigned rounds = 3;
  std::uint64_t seed = 1;
};

using sealsim::bench::parse_number;

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (flag == "--sectors") {
      options.sectors = parse_number(flag, value);
    } else if (flag == "--workers") {
      options.workers = parse_number(flag, value);
    } else if (flag == "--rounds") {
      options.rounds = static_cast<unsigned>(std::max<std::uint64_t>(1, parse_number(flag, value)));
    } else if (flag == "--seed") {
      options.seed = parse_number(flag, value);
    } else {
      throw std::invalid_argument("unknown option '" + std::string(flag) +
                                  "' (--sectors, --workers, --rounds, --seed)");
    }
  }
  if (options.workers < 5) throw std::invalid_argument("--workers: at least 5 (one of each kind)");
  return options;
}

// A farm shaped like a real one: 3/5 PC1 boxes (AP + PC1), 1/5 GPU boxes (PC2 + C2), 1/5
// general boxes (C1, Finalize, Fetch, AP).
std::vector<WorkerSpec> farm(std::uint64_t count) {
  std::vector<WorkerSpec> workers;
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint64_t kind = i % 5;
    if (kind < 3) {
      workers.push_back({"pc1-" + std::to_string(i), {TaskType::AddPiece, TaskType::PreCommit1},
                         {1024 * kGiB, 0, 8 * kGiB, 64, 0}, false});
    } else if (kind == 3) {
      workers.push_back({"gpu-" + std::to_string(i), {TaskType::PreCommit2, TaskType::Commit2},
                         {512 * kGiB, 256 * kGiB, 8 * kGiB, 64, 1}, false});
    } else {
      workers.push_back({"general-" + std::to_string(i),
                         {TaskType::Commit1, TaskType::Finalize, TaskType::Fetch, TaskType::AddPiece},
                         {256 * kGiB, 0, 8 * kGiB, 32, 0}, false});
    }
  }
  return workers;
}

struct RunResult {
  double seconds = 0;
  std::uint64_t tasks = 0;
  SimTime makespan{0};
};

RunResult run_scheduler(const Options& options) {
  PublishedTimingModel timing(DeterministicRng(options.seed), 10);
  Scheduler scheduler(timing);
  for (auto& worker : farm(options.workers)) scheduler.add_worker(std::move(worker));
  std::uint64_t done = 0;
  std::function<void(SectorNumber, std::size_t)> submit_stage = [&](SectorNumber sector,
                                                                    std::size_t stage) {
    TaskRequest request{SectorId{1000, sector}, kProof, kPipeline[stage],
                        sector % 2 == 0 ? kDealSectorPriority : 0};
    request.on_finished = [&, sector, stage](const TaskOutcome&) {
      ++done;
      if (stage + 1 < kPipeline.size()) submit_stage(sector, stage + 1);
    };
    scheduler.submit(request);
  };
  const auto start = std::chrono::steady_clock::now();
  for (SectorNumber sector = 0; sector < options.sectors; ++sector) submit_stage(sector, 0);
  const SimTime makespan = scheduler.run_until_idle();
  const auto end = std::chrono::steady_clock::now();
  if (done != options.sectors * kPipeline.size()) {
    throw std::runtime_error("scheduler bench: only " + std::to_string(done) + " tasks finished");
  }
  return {std::chrono::duration<double>(end - start).count(), done, makespan};
}

struct BaselineEvent {
  SimTime time;
  std::uint64_t sequence;
  SectorNumber sector;
  std::size_t stage;
  std::size_t worker;
  PlacedNeeds needs;
  friend bool operator<(const BaselineEvent& a, const BaselineEvent& b) {
    return a.time != b.time ? a.time < b.time : a.sequence < b.sequence;
  }
};

// First-come first-fit over the same workers, durations and pipeline.
RunResult run_baseline(const Options& options) {
  PublishedTimingModel timing(DeterministicRng(options.seed), 10);
  const std::vector<WorkerSpec> workers = farm(options.workers);
  std::vector<ResourceUsage> usage(workers.size());
  struct Pending {
    SectorNumber sector;
    std::size_t stage;
  };
  std::deque<Pending> queue;
  std::set<BaselineEvent> events;
  std::uint64_t sequence = 0;
  std::uint64_t done = 0;
  SimTime now{0};
  const auto start = std::chrono::steady_clock::now();
  for (SectorNumber sector = 0; sector < options.sectors; ++sector) queue.push_back({sector, 0});
  auto place = [&] {
    std::deque<Pending> waiting;
    std::set<TaskType> full;  // a type that found no room stays without room in this pass
    for (const Pending& pending : queue) {
      const TaskType task = kPipeline[pending.stage];
      if (full.count(task) > 0) {
        waiting.push_back(pending);
        continue;
      }
      const TaskResources needs = task_resources(task, kProof);
      bool placed = false;
      for (std::size_t w = 0; w < workers.size() && !placed; ++w) {
        if (workers[w].task_types.count(task) == 0) continue;
        const PlacedNeeds placed_needs = place_needs(needs, workers[w].resources, ParallelFraction{});
        if (!usage[w].can_take(placed_needs, workers[w].resources)) continue;
        usage[w].add(placed_needs);
        const SimDuration work =
            timing.timing(TaskAttempt{0, SectorId{1000, pending.sector}, kProof, task, 0,
                                      static_cast<WorkerId>(w)})
                .work;
        events.insert(BaselineEvent{now + work, sequence++, pending.sector, pending.stage, w, placed_needs});
        placed = true;
      }
      if (!placed) {
        waiting.push_back(pending);
        full.insert(task);
      }
    }
    queue = std::move(waiting);
  };
  place();
  while (!events.empty()) {
    now = events.begin()->time;
    while (!events.empty() && events.begin()->time == now) {
      const BaselineEvent event = *events.begin();
      events.erase(events.begin());
      usage[event.worker].release(event.needs);
      ++done;
      if (event.stage + 1 < kPipeline.size()) queue.push_back({event.sector, event.stage + 1});
    }
    place();
  }
  const auto end = std::chrono::steady_clock::now();
  if (done != options.sectors * kPipeline.size()) {
    throw std::runtime_error("baseline: only " + std::to_string(done) + " tasks finished");
  }
  return {std::chrono::duration<double>(end - start).count(), done, now};
}

double hours(SimTime time) { return static_cast<double>(time.count()) / 3.6e6; }

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    RunResult best_scheduler;
    RunResult best_baseline;
    for (unsigned round = 0; round < options.rounds; ++round) {
      const RunResult baseline = run_baseline(options);
      const RunResult scheduler = run_scheduler(options);
      if (round == 0 || baseline.seconds < best_baseline.seconds) best_baseline = baseline;
      if (round == 0 || scheduler.seconds < best_scheduler.seconds) best_scheduler = scheduler;
    }
    const double scheduler_rate = static_cast<double>(best_scheduler.tasks) / best_scheduler.seconds;
    const double baseline_rate = static_cast<double>(best_baseline.tasks) / best_baseline.seconds;
    std::printf("sectors %llu, workers %llu, tasks %llu, seed %llu, best of %u rounds\n",
                static_cast<unsigned long long>(options.sectors),
                static_cast<unsigned long long>(options.workers),
                static_cast<unsigned long long>(best_scheduler.tasks),
                static_cast<unsigned long long>(options.seed), options.rounds);
    std::printf("baseline first-fit : %12.0f tasks/s  (%.3f s, simulated makespan %.1f h)\n",
                baseline_rate, best_baseline.seconds, hours(best_baseline.makespan));
    std::printf("lotus scheduler    : %12.0f tasks/s  (%.3f s, simulated makespan %.1f h)\n",
                scheduler_rate, best_scheduler.seconds, hours(best_scheduler.makespan));
    std::printf("ratio scheduler / baseline: %.3f\n", scheduler_rate / baseline_rate);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "sealsim_scheduler_bench: %s\n", error.what());
    return 1;
  }
}
