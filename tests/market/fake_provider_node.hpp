// fake_provider_node.hpp: a programmable ProviderNode. Each call answers from a settable result;
// waits and subscriptions answer at once when a result is set, or are held (pending_*) for the
// test to complete later. Records the calls the catalogue checks (reserve, release).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sealing/market/provider_node.hpp"
#include "sealing/market/storage_client.hpp"

namespace sealsim::market::test {

template <class T>
Result<T> ok(T value) {
  return Result<T>::ok(std::move(value));
}
inline Result<Unit> ok() { return Result<Unit>::ok({}); }
template <class T>
Result<T> fail(std::string error) {
  return Result<T>::fail(std::move(error));
}

inline const TokenAmount kTotalFilecoin = TokenAmount::from_fil(2'000'000'000);

class FakeProviderNode : public ProviderNode {
 public:
  Result<ChainHead> chain_head = ok(ChainHead{"tipset-50", 50});
  // nullopt: verify with MockSigner (Lotus's adapter form: a bad signature is an error).
  std::optional<Result<bool>> signature_valid = ok(true);
  Result<CollateralBounds> collateral_bounds = ok(CollateralBounds{TokenAmount(5000), kTotalFilecoin});
  Result<EscrowBalance> balance = ok(EscrowBalance{TokenAmount(0), TokenAmount(5'760'000'000)});
  Result<std::optional<std::uint64_t>> data_cap = ok(std::optional<std::uint64_t>{});
  Result<std::string> worker = ok(std::string("t0101"));
  Result<std::optional<std::string>> reserve_result = ok(std::optional<std::string>{});
  Result<Unit> release_result = ok();
  std::optional<Result<MessageReceipt>> message_receipt = ok(MessageReceipt{0, "Ok"});
  std::optional<Result<PublishDealsResult>> publish_result =
      ok(PublishDealsResult{10, "bafy-final-publish"});
  Result<Unit> pre_commit_registration = ok();
  std::optional<Result<PreCommitOutcome>> pre_commit_outcome = ok(PreCommitOutcome{10, false});
  Result<Unit> commit_registration = ok();
  std::optional<Result<Unit>> commit_outcome = ok();
  Result<Unit> completion_registration = ok();
  // Set one of them to answer the completion subscription at once.
  std::optional<Result<Unit>> expired_outcome;
  std::optional<Result<ChainEpoch>> slashed_outcome;

  std::vector<TokenAmount> reserve_calls;
  std::vector<TokenAmount> release_calls;
  int worker_calls = 0;
  std::vector<Callback<MessageReceipt>> pending_message_waits;
  std::vector<Callback<PublishDealsResult>> pending_publish_waits;
  std::vector<Callback<PreCommitOutcome>> pending_pre_commits;
  std::vector<Callback<Unit>> pending_commits;
  struct Completion {
    DealId deal_id;
    Callback<Unit> expired;
    Callback<ChainEpoch> slashed;
  };
  std::vector<Completion> pending_completions;
  int pre_commit_registrations = 0;
  int commit_registrations = 0;
  int completion_registrations = 0;

  Result<ChainHead> get_chain_head() override { return chain_head; }
  Result<bool> verify_signature(const std::string& signature, const std::string& signer,
                                const std::string& plaintext) override {
    if (signature_valid) {
      return *signature_valid;
    }
    if (!MockSigner::verify(signature, signer, plaintext)) {
      return fail<bool>("invalid signature");
    }
    return ok(true);
  }
  Result<CollateralBounds> deal_provider_collateral_bounds(PaddedPieceSize, bool) override {
    return collateral_bounds;
  }
  Result<EscrowBalance> get_balance(const std::string&, const std::string&) override { return balance; }
  Result<std::optional<std::uint64_t>> get_data_cap(const std::string&, const std::string&) override {
    return data_cap;
  }
  Result<std::string> get_miner_worker_address(const std::string&, const std::string&) override {
    ++worker_calls;
    return worker;
  }
  Result<std::optional<std::string>> reserve_funds(const std::string&, const std::string&,
                                                   TokenAmount amount) override {
    if (reserve_result) {
      reserve_calls.push_back(amount);
    }
    return reserve_result;
  }
  Result<Unit> release_funds(const std::string&, TokenAmount amount) override {
    release_calls.push_back(amount);
    return release_result;
  }
  void wait_for_message(const std::string&, Callback<MessageReceipt> done) override {
    if (message_receipt) {
      done(*message_receipt);
    } else {
      pending_message_waits.push_back(std::move(done));
    }
  }
  void wait_for_publish_deals(const std::string&, const DealProposal&,
                              Callback<PublishDealsResult> done) override {
    if (publish_result) {
      done(*publish_result);
    } else {
      pending_publish_waits.push_back(std::move(done));
    }
  }
  Result<Unit> on_deal_sector_pre_committed(const std::string&, DealId, const DealProposal&,
                                            const std::string&, Callback<PreCommitOutcome> done) override {
    ++pre_commit_registrations;
    if (!pre_commit_registration) {
      return pre_commit_registration;
    }
    if (pre_commit_outcome) {
      done(*pre_commit_outcome);
    } else {
      pending_pre_commits.push_back(std::move(done));
    }
    return ok();
  }
  Result<Unit> on_deal_sector_committed(const std::string&, DealId, SectorNumber, const DealProposal&,
                                        const std::string&, Callback<Unit> done) override {
    ++commit_registrations;
    if (!commit_registration) {
      return commit_registration;
    }
    if (commit_outcome) {
      done(*commit_outcome);
    } else {
      pending_commits.push_back(std::move(done));
    }
    return ok();
  }
  Result<Unit> on_deal_expired_or_slashed(DealId deal_id, Callback<Unit> expired,
                                          Callback<ChainEpoch> slashed) override {
    ++completion_registrations;
    if (!completion_registration) {
      return completion_registration;
    }
    if (slashed_outcome) {
      slashed(*slashed_outcome);
    } else if (expired_outcome) {
      expired(*expired_outcome);
    } else {
      pending_completions.push_back({deal_id, std::move(expired), std::move(slashed)});
    }
    return ok();
  }
};

}  // namespace sealsim::market::test
