// handler_rig.hpp: a state group running the real SealingHandlers over the sealing fakes on
// simulated time, plus a sector fixture that is ready to prove-commit: precommitted on chain,
// its seed drawn, its pieces filler-only, so checkCommit passes until a test breaks one thing.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/zero_commitment.hpp"
#include "sealing/handlers.hpp"
#include "sealing/sector_store_memory.hpp"
#include "tests/sealing/fake_batcher_queues.hpp"
#include "tests/sealing/fake_chain_api.hpp"
#include "tests/sealing/fake_chain_events.hpp"
#include "tests/sealing/fake_clock.hpp"
#include "tests/sealing/fake_proof_verifier.hpp"
#include "tests/sealing/fake_sector_manager.hpp"
#include "tests/sealing/recording_runner.hpp"

namespace sealsim::sealing::test {

class RecordingTrace final : public TraceSink {
 public:
  void record(const TraceRecord& record) override {
    records.push_back(record);
    if (record.finding) {
      findings.push_back(*record.finding);
    }
  }
  std::vector<TraceRecord> records;
  std::vector<Finding> findings;  // the findings among the records, in order
};

inline constexpr ActorId kMiner = 1000;
inline constexpr ChainEpoch kTicketEpoch = 50;
inline constexpr ChainEpoch kPreCommitEpoch = 60;
inline constexpr ChainEpoch kSeedEpoch = kPreCommitEpoch + 150;  // + PreCommitChallengeDelay
inline constexpr SimSeconds kStart = 1'000'000;

inline Cid test_comm_d(SectorNumber n) {
  Node32 d{};
  d[0] = static_cast<std::uint8_t>(n);
  return commitment_to_cid(CommitmentKind::Unsealed, d);
}
inline Cid test_comm_r(SectorNumber n) {
  Node32 r{};
  r[0] = static_cast<std::uint8_t>(n);
  r[1] = 0xff;
  return commitment_to_cid(CommitmentKind::Sealed, r);
}
inline Piece filler_piece(std::uint64_t padded) {
  Piece piece;
  piece.piece.size = PaddedPieceSize(padded);
  piece.piece.commitment = zero_piece_commitment(PaddedPieceSize(padded));
  return piece;
}

// What the rig's handlers are built with besides the fakes. The defaults are mainnet's, with the
// network's precommit policy and wallets not modelled (every address counts as funded).
struct HandlerRigOptions {
  SealingConfig config{};
  FeeConfig fees{};
  NetworkConstants network = NetworkConstants::mainnet();
  std::optional<BasicPreCommitPolicy> pre_commit_policy{};  // none: the network's, proving boundary 0
  // Address selection reads the rig's `wallets`; an address without an entry fails its lookup.
  bool model_wallets = false;
};

struct HandlerRig {
  explicit HandlerRig(SealingConfig config = {}, FeeConfig fees = {})
      : HandlerRig(HandlerRigOptions{.config = std::move(config), .fees = std::move(fees)}) {}
  explicit HandlerRig(const HandlerRigOptions& options) : handlers(handler_env(options)) {}

  std::map<ActorId, TokenAmount> wallets;  // balances, when the options model wallets
  FakeClock clock{kStart};
  FakeSectorManager sealer{clock};
  FakeChainApi chain{clock};
  FakeChainEvents events{clock, chain.head.height};
  FakeProofVerifier verifier;
  FakeBatcherQueues batchers{clock};
  BranchCoverage branches;  // the handler branches taken (handler_branch_list.hpp)
  MemorySectorStore store;
  SealingHandlers handlers;
  RecordingRunner runner{handlers};
  RecordingTrace trace;
  SectorStateGroup group{store, clock, runner, &trace};

  SectorInfo record(SectorNumber n) { return *store.load(n); }
  bool in(SectorNumber n, SectorState state) { return record(n).in_state(state); }
  // Puts a sector into `state` as a forced state would; its handler starts at once.
  void force(SectorNumber n, SectorState state, SectorInfo base) {
    base.sector_number = n;
    store.save(n, base);
    group.send(n, SectorForceState{std::string(state_name(state))});
  }
  // Runs what is due now (answers scheduled at the current simulated time).
  void settle() { clock.advance_to(clock.now()); }
  void advance(SimSeconds seconds) { clock.advance_to(clock.now() + seconds); }

  // A 2 KiB sector with CommD/CommR, ticket and seed, precommitted on chain at kPreCommitEpoch
  // with the matching seed epoch, its one piece a zero filler; the chain's head is at 100.
  SectorInfo commit_ready_sector(SectorNumber n) {
    SectorInfo info;
    info.sector_number = n;
    info.sector_type = RegisteredSealProof::StackedDrg2KiBV1_1;
    info.pieces = {filler_piece(2048)};
    info.ticket_value = chain.ticket_randomness;
    info.ticket_epoch = kTicketEpoch;
    info.comm_d = test_comm_d(n);
    info.comm_r = test_comm_r(n);
    info.seed_value = chain.beacon_randomness;
    info.seed_epoch = kSeedEpoch;
    info.proof = Bytes(192, 3);
    SectorPreCommitInfo params;
    params.seal_proof = info.sector_type;
    params.sector_number = n;
    params.sealed_cid = *info.comm_r;
    params.seal_rand_epoch = kTicketEpoch;
    info.pre_commit_info = params;
    info.pre_commit_deposit = chain.pre_commit_deposit;
    chain.pre_commits[n] = PreCommitOnChainInfo{params, chain.pre_commit_deposit, kPreCommitEpoch};
    chain.allocated.insert(n);
    sealer.pieces[n] = {};  // the sealer holds the sector's files
    return info;
  }
  // The chain after the sector's prove-commit landed: proven, precommit entry gone.
  void prove_on_chain(SectorNumber n) {
    chain.pre_commits.erase(n);
    chain.sectors[n] = SectorOnChainInfo{n, RegisteredSealProof::StackedDrg2KiBV1_1, test_comm_r(n),
                                         kSeedEpoch, 1'000'000, chain.initial_pledge};
  }

  // Entries of the sector log that are findings (kind "finding;<FindingKind>").
  std::vector<SectorLogEntry> findings(SectorNumber n) {
    std::vector<SectorLogEntry> out;
    for (const auto& entry : record(n).log) {
      if (entry.kind.rfind("finding;", 0) == 0) {
        out.push_back(entry);
      }
    }
    return out;
  }
  // The error text of the last logged event named `event` (e.g. "SectorCommitFailed"); "" when
  // there is none.
  std::string event_trace(SectorNumber n, const std::string& event) {
    const auto log = record(n).log;
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
      if (it->kind == "event;sealing." + event) {
        return it->trace;
      }
    }
    return {};
  }
  bool logged(SectorNumber n, const std::string& event) {
    for (const auto& entry : record(n).log) {
      if (entry.kind == "event;sealing." + event) {
        return true;
      }
    }
    return false;
  }

 private:
  HandlerEnv handler_env(const HandlerRigOptions& options) {
    HandlerEnv env{sealer, clock, chain, events, verifier, batchers, batchers, batchers,
                   options.config, options.fees, kMiner};
    env.network = options.network;
    env.branches = &branches;
    env.pre_commit_policy = options.pre_commit_policy.value_or(BasicPreCommitPolicy::for_network(options.network, 0));
    if (options.model_wallets) {
      env.wallet_balance = [this](ActorId id) {
        const auto it = wallets.find(id);
        return it == wallets.end() ? Result<TokenAmount>::fail("no wallet") : Result<TokenAmount>::ok(it->second);
      };
    }
    return env;
  }
};

}  // namespace sealsim::sealing::test
