// terminate_batcher.hpp: Lotus's TerminateBatcher (spec §11.3): queues sectors to terminate by
// (deadline, partition), and sends one TerminateSectors message once enough are queued (notify:
// TerminateBatchMax; timer every TerminateBatchWait: TerminateBatchMin) or on Flush, skipping the
// deadline being proven and its two neighbours, keeping only live sectors and capping a message
// at AddressedSectorsMax sectors and DeclarationsMax declarations.
//
// Determinism: Lotus walks its todo map in Go's random order (the order of declarations, which
// buckets reach the caps); sealsim walks it in (deadline, partition) order.
// v1.11.0 never answers a sector dropped from a sent bucket by the live-set intersection or the
// sector cap (Q11: its handler waits forever); sealsim does the same and lists such sectors in
// unanswered(), so a trace can show them.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sealing/batcher_api.hpp"
#include "sealing/batcher_loop.hpp"
#include "sealing/batcher_queues.hpp"
#include "sealing/clock.hpp"
#include "sealing/fee_config.hpp"
#include "sealing/finding.hpp"
#include "sealing/pre_commit_batcher.hpp"
#include "sealing/sealing_config.hpp"

namespace sealsim::sealing {

class TerminateBatcher final : public TerminationQueue {
 public:
  TerminateBatcher(ActorId miner, TerminateBatcherApi& api, AddressSelector& addresses, FeeConfig fees,
                   SealingConfigGetter config, Clock& clock);

  // AddTermination: a sector that is not live in its partition is answered at once with
  // already_terminated and no message; otherwise it is queued until a message includes it.
  void add_termination(SectorId sector, std::function<void(Result<TerminationResult>)> done) override;

  // Processes the queue now (no thresholds) and returns the message sent, if any.
  std::optional<Cid> flush();
  std::vector<SectorId> pending() const;
  const std::string& last_error() const { return last_error_; }
  std::optional<SimSeconds> timer_deadline() const { return loop_.timer_deadline(); }
  // Sectors whose bucket was sent without them (Q11): their waiters are never answered.
  const std::vector<SectorNumber>& unanswered() const { return unanswered_; }
  // Places where Lotus v1.11.0 would have crashed the node (a partition index out of range).
  const std::vector<Finding>& findings() const { return findings_; }

 private:
  using Location = std::pair<std::uint64_t, std::uint64_t>;  // (deadline, partition)
  void iterate(BatcherWake wake);
  std::optional<Cid> process_batch(bool above_max, bool above_min);
  void arm_timer();

  ActorId miner_;
  TerminateBatcherApi& api_;
  AddressSelector& addresses_;
  FeeConfig fees_;
  SealingConfigGetter config_;
  Clock& clock_;

  std::map<Location, std::set<SectorNumber>> todo_;
  std::map<SectorNumber, std::vector<std::function<void(Result<TerminationResult>)>>> waiting_;
  std::optional<Cid> last_message_;
  std::string last_error_;
  std::vector<SectorNumber> unanswered_;
  std::vector<Finding> findings_;
  BatcherLoop loop_;
};

}  // namespace sealsim::sealing
