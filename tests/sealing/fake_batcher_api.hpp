// fake_batcher_api.hpp: one programmable chain behind the three batcher APIs and the aggregate
// prover, for the batcher tests (as Lotus's mocked PreCommitBatcherApi / CommitBatcherApi). The
// test sets the answers in public fields, injects failures per call name, and reads back every
// call by name and every message sent.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/cid.hpp"
#include "sealing/batcher_api.hpp"

namespace sealsim::sealing::test {

class FakeBatcherApi final : public PreCommitBatcherApi,
                             public CommitBatcherApi,
                             public TerminateBatcherApi,
                             public AggregateProver {
 public:
  // --- the chain's answers ---
  ChainHead head{Bytes{0x01}, 1};
  MinerInfo miner_info{1000, 1001, {}, 0};
  std::int64_t network_version = 13;
  TokenAmount base_fee = TokenAmount::from_nano(1);
  TokenAmount initial_pledge = TokenAmount::from_nano(3'000);
  std::map<SectorNumber, PreCommitOnChainInfo> pre_commits;  // absent: nil, no error
  std::map<SectorNumber, SectorLocation> locations;
  std::map<std::uint64_t, std::vector<MinerPartition>> partitions;  // by deadline
  ProvingDeadline proving_deadline{};
  Bytes aggregate = Bytes{0xa6, 0x9e};

  // --- failure injection: the next `times` calls named `call` fail with `error` ---
  void fail_next(const std::string& call, std::string error, int times = 1) {
    failures_[call] = {std::move(error), times};
  }

  // --- what happened ---
  std::vector<std::string> calls;
  std::vector<BatcherMessage> sent;
  std::vector<Cid> sent_cids;
  std::vector<AggregateSealRequest> aggregate_requests;
  std::vector<std::vector<Bytes>> aggregate_proofs;
  std::size_t count(const std::string& call) const {
    std::size_t n = 0;
    for (const auto& c : calls) {
      n += c == call ? 1u : 0u;
    }
    return n;
  }

  Result<ChainHead> chain_head() override { return answer("chain_head", head); }
  Result<MinerInfo> state_miner_info() override { return answer("state_miner_info", miner_info); }
  Result<Cid> send_msg(const BatcherMessage& message) override {
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
    sent.push_back(message);
    sent_cids.push_back(cid);
    return Result<Cid>::ok(cid);
  }
  Result<TokenAmount> chain_base_fee(const TipSetToken&) override { return answer("chain_base_fee", base_fee); }
  Result<std::optional<PreCommitOnChainInfo>> state_sector_pre_commit_info(SectorNumber number,
                                                                           const TipSetToken&) override {
    auto it = pre_commits.find(number);
    return answer("state_sector_pre_commit_info",
                  it == pre_commits.end() ? std::optional<PreCommitOnChainInfo>{} : it->second);
  }
  Result<TokenAmount> state_miner_initial_pledge_collateral(const SectorPreCommitInfo&,
                                                            const TipSetToken&) override {
    return answer("state_miner_initial_pledge_collateral", initial_pledge);
  }
  Result<std::int64_t> state_network_version(const TipSetToken&) override {
    return answer("state_network_version", network_version);
  }
  Result<std::optional<SectorLocation>> state_sector_partition(SectorNumber number) override {
    auto it = locations.find(number);
    return answer("state_sector_partition",
                  it == locations.end() ? std::optional<SectorLocation>{} : it->second);
  }
  Result<std::vector<MinerPartition>> state_miner_partitions(std::uint64_t deadline) override {
    auto it = partitions.find(deadline);
    return answer("state_miner_partitions",
                  it == partitions.end() ? std::vector<MinerPartition>{} : it->second);
  }
  Result<ProvingDeadline> state_miner_proving_deadline() override {
    return answer("state_miner_proving_deadline", proving_deadline);
  }
  Result<Bytes> aggregate_seal_proofs(const AggregateSealRequest& request,
                                      const std::vector<Bytes>& proofs) override {
    aggregate_requests.push_back(request);
    aggregate_proofs.push_back(proofs);
    return answer("aggregate_seal_proofs", aggregate);
  }

 private:
  struct Failure {
    std::string error;
    int times = 0;
  };
  std::optional<std::string> injected(const std::string& call) {
    calls.push_back(call);
    auto it = failures_.find(call);
    if (it == failures_.end() || it->second.times == 0) {
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
  std::map<std::string, Failure> failures_;
};

// Lotus's test address selector: always the same address (t0123).
class FixedAddressSelector final : public AddressSelector {
 public:
  explicit FixedAddressSelector(ActorId address) : address_(address) {}
  Result<ActorId> select(const MinerInfo&, AddressUse use, TokenAmount good_funds, TokenAmount min_funds) override {
    uses.push_back(use);
    good.push_back(good_funds);
    minimum.push_back(min_funds);
    if (fail_with) {
      return Result<ActorId>::fail(*fail_with);
    }
    return Result<ActorId>::ok(address_);
  }
  std::vector<AddressUse> uses;
  std::vector<TokenAmount> good;
  std::vector<TokenAmount> minimum;
  std::optional<std::string> fail_with;

 private:
  ActorId address_;
};

}  // namespace sealsim::sealing::test
