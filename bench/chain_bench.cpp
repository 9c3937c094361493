// chain_bench.cpp: throughput of the simulated chain: an idle chain advancing (the baseline) and a
// busy one with 1,000 transfer messages per epoch; prints epochs/s, messages/s and the busy/idle
// cost ratio. Wall-clock timing here measures the simulator, never a simulated outcome.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <string>
#include <vector>

#include "chain-mock/mock_chain.hpp"

namespace {

using sealsim::chain::Address;
using sealsim::chain::ChainConfig;
using sealsim::chain::Message;
using sealsim::chain::MockChain;
using sealsim::TokenAmount;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Result {
  double seconds;
  long epochs;
  long messages;
  double cpu_seconds = 0;
};

double cpu_seconds_since(std::clock_t start) {
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

Result idle_chain(long epochs, bool log_enabled) {
  MockChain chain(ChainConfig::mainnet(), 1);
  chain.log().set_enabled(log_enabled);
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  chain.advance(epochs);
  return {seconds_since(start), epochs, 0, cpu_seconds_since(cpu_start)};
}

Result busy_chain(long epochs, int messages_per_epoch, bool log_enabled) {
  MockChain chain(ChainConfig::mainnet(), 2);
  chain.log().set_enabled(log_enabled);
  constexpr int kSenders = 100;
  std::vector<Address> senders;
  for (int i = 0; i < kSenders; ++i) senders.push_back(chain.create_account(TokenAmount::from_fil(1'000'000)));
  Address sink = chain.create_account(TokenAmount());
  long messages = 0;
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  for (long e = 0; e < epochs; ++e) {
    for (int i = 0; i < messages_per_epoch; ++i) {
      Message m;
      m.from = senders[static_cast<std::size_t>(i % kSenders)];
      m.to = sink;
      m.value = TokenAmount(1 + i);
      chain.mpool_push_message(m);
      ++messages;
    }
    chain.advance(1);
  }
  chain.advance(2);  // drain what the inclusion delay holds back
  double seconds = seconds_since(start);
  double cpu = cpu_seconds_since(cpu_start);
  if (chain.pending_messages() != 0) {
    std::fprintf(stderr, "busy chain: %zu messages still pending\n", chain.pending_messages());
    std::exit(1);
  }
  return {seconds, epochs + 2, messages, cpu};
}

// Rates are per CPU second of this process (the wall time is printed too: on a shared machine it
// includes waiting for a core); the ratio compares CPU cost per epoch with the idle baseline.
void print(const char* name, const Result& r, double baseline_epoch_cpu_seconds) {
  double epoch_cpu = r.cpu_seconds / static_cast<double>(r.epochs);
  std::printf("%-28s %7ld epochs %7ld msgs  wall %6.3f s  cpu %6.3f s  %9.0f epochs/s  %9.0f msgs/s  %7.1fx idle cost/epoch\n", name,
              r.epochs, r.messages, r.seconds, r.cpu_seconds, static_cast<double>(r.epochs) / r.cpu_seconds,
              r.messages > 0 ? static_cast<double>(r.messages) / r.cpu_seconds : 0.0, epoch_cpu / baseline_epoch_cpu_seconds);
}

}  // namespace

int main(int argc, char** argv) {
  long idle_epochs = argc > 1 ? std::atol(argv[1]) : 20'000;
  long busy_epochs = argc > 2 ? std::atol(argv[2]) : 30;
  Result idle = idle_chain(idle_epochs, true);
  double baseline = idle.cpu_seconds / static_cast<double>(idle.epochs);
  print("idle (baseline, with log)", idle, baseline);
  print("idle (log off)", idle_chain(idle_epochs, false), baseline);
  print("busy 1000 msg/epoch (log)", busy_chain(busy_epochs, 1000, true), baseline);
  print("busy 1000 msg/epoch (no log)", busy_chain(busy_epochs, 1000, false), baseline);
  return 0;
}
