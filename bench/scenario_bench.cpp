// scenario_bench.cpp: issue 7's scenario benchmark: 10,000 CC sectors pledged in daily batches
// over one simulated year (mainnet epochs, 32 GiB sectors, mock proofs, SQLite persistence)
// driven through the scenario engine (scenarios/engine.hpp), on a farm of workers sized for the
// pledge rate (four by default: one worker's single GPU runs PC2 and C2 of about 20 sectors a
// day, fewer than the 31 pledged daily, so with one worker the queue and the failures grow all
// year). Prints wall and CPU time, driver events per second, how far the run got and its sectors
// by final state, the peak memory, and two ratios: time against the 60 s target of the issue, and
// against a baseline measured in the same run (the same year with no sectors: the engine's own
// per-epoch cost). Honest about partial runs: a run that stops early says where and why. On a
// terminal a progress line (epoch, time so far, sectors by state) is redrawn about once a second.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bench/bench_arguments.hpp"
#include "scenarios/engine.hpp"
#include "scenarios/scenario_loader.hpp"

namespace {

using namespace sealsim;
using namespace sealsim::scenarios;

constexpr ChainEpoch kEpochsPerDay = 2880;  // mainnet: 30 s epochs
constexpr double kTargetSeconds = 60.0;     // issue 7: under 60 s on the 2-core CI machine

struct BenchOptions {
  std::uint64_t sectors = 10'000;
  std::uint64_t days = 365;
  std::uint64_t workers = 4;
  bool sqlite = true;
  bool baseline = true;
  bool progress = false;  // progress lines also when stdout is not a terminal
};

std::string worker_list(std::uint64_t workers) {
  std::string out;
  for (std::uint64_t i = 1; i <= workers; ++i) {
    out += std::string(out.empty() ? "" : ",\n    ") + "{\"name\": \"worker-" + std::to_string(i) +
           "\", \"tasks\": [\"AP\", \"PC1\", \"PC2\", \"C1\", \"C2\", \"FIN\", \"GET\"]}";
  }
  return out;
}

// Pledges spread over the first 90% of the run in daily batches, so most sectors have the time
// to go through the whole pipeline before the end. Durations: a 32 GiB sector on a typical
// 2021 worker (AddPiece of the CC filler, PC1 3.5 h, PC2 30 min, C1 1 min, C2 40 min, finalize).
std::string scenario_text(const BenchOptions& options, std::uint64_t sectors) {
  const ChainEpoch end = static_cast<ChainEpoch>(options.days) * kEpochsPerDay;
  const std::uint64_t pledge_days = std::max<std::uint64_t>(1, options.days * 9 / 10);
  const std::uint64_t per_day = (sectors + pledge_days - 1) / pledge_days;
  std::string timeline;
  std::uint64_t pledged = 0;
  for (std::uint64_t day = 0; pledged < sectors; ++day) {
    const std::uint64_t count = std::min(per_day, sectors - pledged);
    pledged += count;
    timeline += std::string(timeline.empty() ? "" : ",\n    ") + "{\"at\": " +
                std::to_string(static_cast<ChainEpoch>(day) * kEpochsPerDay + 10) + ", \"pledge\": {\"count\": " +
                std::to_string(count) + "}}";
  }
  return "{\n  \"name\": \"bench-" + std::to_string(sectors) + "-sectors\",\n"
         "  \"description\": \"scenario_bench: CC sectors pledged daily over a simulated year\",\n"
         "  \"seed\": 7,\n  \"proofs\": \"mock\",\n  \"proof_type\": \"32GiB\",\n"
         "  \"persistence\": \"" + std::string(options.sqlite ? "sqlite" : "memory") + "\",\n"
         "  \"miner\": {\"balance\": \"10000000 FIL\"},\n"
         "  \"workers\": [\n    " + worker_list(options.workers) + "\n  ],\n"
         "  \"durations\": {\"AP\": 1800, \"PC1\": 12600, \"PC2\": 1800, \"C1\": 60, \"C2\": 2400, \"FIN\": 300},\n"
         "  \"end\": {\"epoch\": " + std::to_string(end) + "},\n"
         "  \"timeline\": [\n    " + timeline + "\n  ],\n  \"expect\": {}\n}\n";
}

struct Measured {
  RunResult result;
  double seconds = 0;      // wall
  double cpu_seconds = 0;  // this process's CPU time: what the wall time is when the machine is not shared
};

Measured measure(const BenchOptions& options, std::uint64_t sectors) {
  const Scenario scenario = load_scenario_text(scenario_text(options, sectors), "scenario_bench", ".");
  RunOptions run_options;
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  const bool terminal = ::isatty(STDOUT_FILENO) != 0;
  if (sectors > 0 && (terminal || options.progress)) {
    // On a terminal one line redrawn about once a second; otherwise (--progress) a line every 30
    // simulated days, so a run stopped from outside still tells how far it got. The engine keeps
    // its sectors-by-state counts as states change, so reporting costs little per epoch.
    auto last_print = start;
    run_options.progress = [&, terminal](const RunProgress& p) {
      const auto now = std::chrono::steady_clock::now();
      if (terminal ? now - last_print < std::chrono::seconds(1) : p.epoch % (30 * kEpochsPerDay) != 0) return;
      last_print = now;
      std::printf("%s  progress: day %lld of %lld, %.1f s wall, %.1f s CPU,", terminal ? "\r\033[K" : "",
                  static_cast<long long>(p.epoch / kEpochsPerDay), static_cast<long long>(p.end_epoch / kEpochsPerDay),
                  std::chrono::duration<double>(now - start).count(),
                  static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
      for (const auto& [state, count] : p.sectors_by_state) std::printf(" %s %zu", state.c_str(), count);
      std::printf(terminal ? "" : "\n");
      std::fflush(stdout);
    };
  }
  Measured m{run_scenario(scenario, run_options), 0, 0};
  if (run_options.progress && terminal) std::printf("\r\033[K");
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  return m;
}

void print(const char* label, const Measured& m) {
  const RunResult& r = m.result;
  std::printf("%s: %.2f s wall, %.2f s CPU, %llu driver events, %.0f events/s (wall), %.0f events/s (CPU), "
              "epochs %lld of %lld\n",
              label, m.seconds, m.cpu_seconds, static_cast<unsigned long long>(r.events),
              static_cast<double>(r.events) / m.seconds, static_cast<double>(r.events) / m.cpu_seconds,
              static_cast<long long>(r.reached_epoch), static_cast<long long>(r.end_epoch));
  if (r.stop) std::printf("  stopped early: %s\n", r.stop->c_str());
  std::map<std::string, std::uint64_t> by_state;
  std::uint64_t state_changes = 0;
  for (const auto& [n, h] : r.sectors) {
    ++by_state[h.final_state.empty() ? "(not stored)" : h.final_state];
    state_changes += h.states.size();
  }
  std::printf("  sectors %zu, state changes %llu, chain messages %zu, findings %zu, worker usage intervals %zu\n",
              r.sectors.size(), static_cast<unsigned long long>(state_changes), r.messages.size(), r.findings.size(),
              r.worker_usage.size());
  for (const auto& [state, count] : by_state) {
    std::printf("  final state %-24s %llu\n", state.c_str(), static_cast<unsigned long long>(count));
  }
  std::map<std::string, std::uint64_t> by_method;
  for (const auto& message : r.messages) ++by_method[message.method];
  for (const auto& [method, count] : by_method) {
    std::printf("  messages %-27s %llu\n", method.c_str(), static_cast<unsigned long long>(count));
  }
  if (!r.findings.empty()) std::printf("  first finding: %s\n", r.findings.front().c_str());
  std::fflush(stdout);
}

BenchOptions parse(int argc, char** argv) {
  BenchOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--sectors") {
      o.sectors = bench::parse_number(arg, i + 1 < argc ? argv[++i] : nullptr);
    } else if (arg == "--days") {
      o.days = bench::parse_number(arg, i + 1 < argc ? argv[++i] : nullptr);
      if (o.days == 0) throw std::invalid_argument("--days must be at least 1");
    } else if (arg == "--workers") {
      o.workers = bench::parse_number(arg, i + 1 < argc ? argv[++i] : nullptr);
      if (o.workers == 0) throw std::invalid_argument("--workers must be at least 1");
    } else if (arg == "--memory") {
      o.sqlite = false;
    } else if (arg == "--progress") {
      o.progress = true;
    } else if (arg == "--no-baseline") {
      o.baseline = false;
    } else {
      throw std::invalid_argument("unknown argument " + std::string(arg) +
                                  " (--sectors N, --days N, --workers N, --memory, --no-baseline, --progress)");
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const BenchOptions options = parse(argc, argv);
    std::printf("scenario_bench: %llu sectors, %llu days (%lld epochs), %llu workers, mock proofs, %s persistence\n",
                static_cast<unsigned long long>(options.sectors), static_cast<unsigned long long>(options.days),
                static_cast<long long>(static_cast<ChainEpoch>(options.days) * kEpochsPerDay),
                static_cast<unsigned long long>(options.workers), options.sqlite ? "sqlite" : "memory");
    std::fflush(stdout);
    std::optional<Measured> baseline;
    if (options.baseline) {
      baseline = measure(options, 0);
      print("baseline (no sectors)", *baseline);
    }
    const Measured full = measure(options, options.sectors);
    print("scenario", full);
    std::printf("ratio wall time / %.0f s target: %.3f (%s); CPU time / target: %.3f\n", kTargetSeconds,
                full.seconds / kTargetSeconds, full.seconds < kTargetSeconds ? "within target" : "over target",
                full.cpu_seconds / kTargetSeconds);
    if (baseline && baseline->seconds > 0 && baseline->cpu_seconds > 0) {
      std::printf("ratio to the empty-year baseline: wall %.2f, CPU %.2f\n", full.seconds / baseline->seconds,
                  full.cpu_seconds / baseline->cpu_seconds);
    }
    rusage usage{};
    if (::getrusage(RUSAGE_SELF, &usage) == 0) {
      std::printf("peak resident memory: %.0f MiB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    }
    if (full.result.stop || full.result.reached_epoch < full.result.end_epoch) {
      std::printf("NOTE: the run did not cover the whole year; the figures measure only what ran.\n");
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scenario_bench: %s\n", e.what());
    return 2;
  }
}
