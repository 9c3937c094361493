// fake_chain_api.hpp: a programmable SealingChainApi for handler and batcher tests. The test sets
// the chain's answers in public fields, injects failures per call name, and decides when sent
// messages land; every call is logged by name so a test can assert what a handler asked.
//
// Message waits follow the real contract: state_wait_msg never answers from inside the call; the
// answer is scheduled on the FakeClock once the test lands the message (or at once, when it had
// already landed).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/cid.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing::test {

class FakeChainApi final : public SealingChainApi {
 public:
  explicit FakeChainApi(FakeClock& clock) : clock_(clock) {}

  // --- the chain's answers ---
  ChainHead head{Bytes{0x01}, 100};
  std::set<SectorNumber> allocated;
  std::map<SectorNumber, PreCommitOnChainInfo> pre_commits;
  std::map<SectorNumber, SectorOnChainInfo> sectors;
  std::map<DealId, DealProposal> deal_proposals;
  std::map<SectorNumber, SectorLocation> locations;
  // StateComputeDataCommitment's answer; unset: the call fails.
  std::optional<Cid> data_commitment;
  // When set, answers StateComputeDataCommitment from the deals instead (as the market actor does).
  std::function<Cid(RegisteredSealProof, const std::vector<DealId>&)> compute_data_commitment;
  Bytes ticket_randomness = Bytes(32, 0x11);
  Bytes beacon_randomness = Bytes(32, 0x22);
  TokenAmount pre_commit_deposit = TokenAmount::from_nano(1'000);
  TokenAmount initial_pledge = TokenAmount::from_nano(3'000);
  TokenAmount base_fee = TokenAmount(100);
  MinerInfo miner_info{1000, 1001, {}, 0};
  std::int64_t network_version = 13;
  // StateSectorPreCommitInfo's "allocated but absent" answer: the ErrSectorAllocated sentinel (as
  // the real adapter), or, when false, plain "absent" (to reach the handlers' own allocated checks).
  bool allocated_sentinel = true;
  // ChainGetMessage of PublishStorageDeals messages, by message CID string: the params' proposals.
  std::map<std::string, std::vector<DealProposal>> publish_deals;
  // StateLookupID answers; an id not listed is its own ID address.
  std::map<ActorId, ActorId> id_addresses;
  // Called with each call's name before it is answered, so a test can change the chain between
  // two calls of one handler run.
  std::function<void(const std::string& call)> on_call;

  // --- failure injection: the next `times` calls named `call` fail with `error`, after `after`
  // calls of that name have been answered normally ---
  void fail_next(const std::string& call, std::string error, int times = 1, int after = 0) {
    failures_[call] = {std::move(error), times, after};
  }

  // --- what happened ---
  struct SentMessage {
    ActorId from = 0;
    std::uint64_t method = 0;
    TokenAmount value;
    TokenAmount max_fee;
    Bytes params;
    Cid cid;
  };
  std::vector<SentMessage> sent;
  std::vector<std::string> calls;
  std::vector<ChainEpoch> randomness_epochs;  // epochs asked of either randomness call

  // Lands a sent message: state_search_msg finds it and every waiter is answered on the clock.
  void land(const Cid& message, MessageReceipt receipt, ChainEpoch height = -1) {
    MessageLookup lookup{std::move(receipt), head.token, height < 0 ? head.height : height};
    landed_[message.to_string()] = lookup;
    auto waiters = std::move(waiting_[message.to_string()]);
    waiting_.erase(message.to_string());
    for (auto& done : waiters) {
      clock_.schedule_at(clock_.now(), [done = std::move(done), lookup] {
        done(Result<MessageLookup>::ok(lookup));
      });
    }
  }
  // Answers every waiter of `message` with an error (StateWaitMsg failing).
  void fail_wait(const Cid& message, const std::string& error) {
    auto waiters = std::move(waiting_[message.to_string()]);
    waiting_.erase(message.to_string());
    for (auto& done : waiters) {
      clock_.schedule_at(clock_.now(), [done = std::move(done), error] {
        done(Result<MessageLookup>::fail(error));
      });
    }
  }
  std::size_t waiters(const Cid& message) const {
    auto it = waiting_.find(message.to_string());
    return it == waiting_.end() ? 0 : it->second.size();
  }

  // --- SealingChainApi ---
  Result<ChainHead> chain_head() override { return answer("chain_head", head); }
  Result<bool> state_miner_sector_allocated(SectorNumber number, const TipSetToken&) override {
    return answer("state_miner_sector_allocated", allocated.count(number) != 0);
  }
  Result<std::optional<PreCommitOnChainInfo>> state_sector_pre_commit_info(
      SectorNumber number, const TipSetToken&) override {
    using R = Result<std::optional<PreCommitOnChainInfo>>;
    if (auto failure = injected("state_sector_pre_commit_info")) {
      return R::fail(*failure);
    }
    if (auto it = pre_commits.find(number); it != pre_commits.end()) {
      return R::ok(it->second);
    }
    if (allocated.count(number) != 0 && allocated_sentinel) {
      return R::fail(kErrSectorAllocated);
    }
    return R::ok(std::nullopt);
  }
  Result<std::optional<SectorOnChainInfo>> state_sector_get_info(SectorNumber number,
                                                                 const TipSetToken&) override {
    auto it = sectors.find(number);
    return answer("state_sector_get_info",
                  it == sectors.end() ? std::optional<SectorOnChainInfo>{} : it->second);
  }
  Result<Cid> state_compute_data_commitment(RegisteredSealProof proof, const std::vector<DealId>& deals,
                                            const TipSetToken&) override {
    if (compute_data_commitment) {
      return answer("state_compute_data_commitment", compute_data_commitment(proof, deals));
    }
    if (!data_commitment) {
      calls.emplace_back("state_compute_data_commitment");
      return Result<Cid>::fail("no data commitment set in the fake chain");
    }
    return answer("state_compute_data_commitment", *data_commitment);
  }
  Result<DealProposal> state_market_storage_deal_proposal(DealId deal, const TipSetToken&) override {
    auto it = deal_proposals.find(deal);
    if (it == deal_proposals.end()) {
      calls.emplace_back("state_market_storage_deal_proposal");
      return Result<DealProposal>::fail("deal " + std::to_string(deal) + " not found");
    }
    return answer("state_market_storage_deal_proposal", it->second);
  }
  Result<Bytes> chain_get_randomness_from_tickets(const TipSetToken&, RandomnessDomain,
                                                  ChainEpoch epoch, const Bytes&) override {
    randomness_epochs.push_back(epoch);
    return answer("chain_get_randomness_from_tickets", ticket_randomness);
  }
  Result<Bytes> chain_get_randomness_from_beacon(const TipSetToken&, RandomnessDomain,
                                                 ChainEpoch epoch, const Bytes&) override {
    randomness_epochs.push_back(epoch);
    return answer("chain_get_randomness_from_beacon", beacon_randomness);
  }
  Result<TokenAmount> state_miner_pre_commit_deposit_for_power(const SectorPreCommitInfo&,
                                                               const TipSetToken&) override {
    return answer("state_miner_pre_commit_deposit_for_power", pre_commit_deposit);
  }
  Result<TokenAmount> state_miner_initial_pledge_collateral(const SectorPreCommitInfo&,
                                                            const TipSetToken&) override {
    return answer("state_miner_initial_pledge_collateral", initial_pledge);
  }
  Result<MinerInfo> state_miner_info(const TipSetToken&) override {
    return answer("state_miner_info", miner_info);
  }
  Result<std::int64_t> state_network_version(const TipSetToken&) override {
    return answer("state_network_version", network_version);
  }
  Result<std::optional<SectorLocation>> state_sector_partition(SectorNumber number,
                                                               const TipSetToken&) override {
    auto it = locations.find(number);
    return answer("state_sector_partition",
                  it == locations.end() ? std::optional<SectorLocation>{} : it->second);
  }
  Result<TokenAmount> chain_base_fee(const TipSetToken&) override {
    return answer("chain_base_fee", base_fee);
  }
  Result<Cid> send_msg(ActorId from, std::uint64_t method, const TokenAmount& value,
                       const TokenAmount& max_fee, const Bytes& params) override {
    if (auto failure = injected("send_msg")) {
      return Result<Cid>::fail(*failure);
    }
    Node32 digest{};
    const std::uint64_t n = sent.size() + 1;
    for (std::size_t i = 0; i < 8; ++i) {
      digest[i] = static_cast<std::uint8_t>(n >> (8 * i));
    }
    digest[31] = 0x3f;  // keep the fake CID a valid trunc254 digest
    const Cid cid = commitment_to_cid(CommitmentKind::Unsealed, digest);
    sent.push_back(SentMessage{from, method, value, max_fee, params, cid});
    return Result<Cid>::ok(cid);
  }
  Result<std::optional<MessageLookup>> state_search_msg(const Cid& message) override {
    auto it = landed_.find(message.to_string());
    return answer("state_search_msg",
                  it == landed_.end() ? std::optional<MessageLookup>{} : it->second);
  }
  Result<std::vector<DealProposal>> chain_get_publish_deals_proposals(const Cid& message) override {
    using R = Result<std::vector<DealProposal>>;
    if (auto failure = injected("chain_get_publish_deals_proposals")) {
      return R::fail(*failure);
    }
    auto it = publish_deals.find(message.to_string());
    if (it == publish_deals.end()) {
      return R::fail("message " + message.to_string() + " not found");
    }
    return R::ok(it->second);
  }
  Result<ActorId> state_lookup_id(ActorId address, const TipSetToken&) override {
    auto it = id_addresses.find(address);
    return answer("state_lookup_id", it == id_addresses.end() ? address : it->second);
  }
  void state_wait_msg(const Cid& message,
                      std::function<void(Result<MessageLookup>)> done) override {
    calls.emplace_back("state_wait_msg");
    if (auto failure = injected("state_wait_msg", false)) {
      clock_.schedule_at(clock_.now(), [done = std::move(done), error = *failure] {
        done(Result<MessageLookup>::fail(error));
      });
      return;
    }
    if (auto it = landed_.find(message.to_string()); it != landed_.end()) {
      clock_.schedule_at(clock_.now(), [done = std::move(done), lookup = it->second] {
        done(Result<MessageLookup>::ok(lookup));
      });
      return;
    }
    waiting_[message.to_string()].push_back(std::move(done));
  }

 private:
  struct Failure {
    std::string error;
    int times = 0;
    int after = 0;
  };
  std::optional<std::string> injected(const std::string& call, bool log = true) {
    if (log) {
      calls.push_back(call);
    }
    if (on_call) {
      on_call(call);
    }
    auto it = failures_.find(call);
    if (it == failures_.end() || it->second.times == 0) {
      return std::nullopt;
    }
    if (it->second.after > 0) {
      --it->second.after;
      return std::nullopt;
    }
    --it->second.times;
    return it->second.error;
  }
  template <class T>
  Result<T> answer(const std::string& call, T value) {
    if (auto failure = injected(call)) {
      return Result<T>::fail(*failure);
    }
    return Result<T>::ok(std::move(value));
  }

  FakeClock& clock_;
  std::map<std::string, Failure> failures_;
  std::map<std::string, MessageLookup> landed_;
  std::map<std::string, std::vector<std::function<void(Result<MessageLookup>)>>> waiting_;
};

}  // namespace sealsim::sealing::test
