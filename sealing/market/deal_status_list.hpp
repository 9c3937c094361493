// deal_status_list.hpp: the ONE list of go-fil-markets v1.6.2 deal statuses (market-fsm §1). The
// status enum, wire numbers, persisted names, the provider's role of each status (entry function,
// waiting, final, client only), the MSM state types and the table group all derive from
// SEALSIM_DEAL_STATUSES.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sealsim::market {

// What the provider does in a status (market-fsm §1, "provider entry function" column).
//  Entry: runs the named entry function; Wait: a provider status without entry function;
//  Final: a finality status (Error, Slashed, Expired); ClientOnly: never a provider status.
enum class ProviderRole { Entry, Wait, Final, ClientOnly };

// Which MSM machine (one translation unit each) holds the rows leaving the status: the provider
// table (market-fsm §2) grouped by the deal's phase so that no table exceeds ~20 rows.
enum class ProviderTableGroup { Negotiation, Transfer, FundingPublish, Completion };

// X(Enumerator, wire number, ProviderRole, "provider entry function", ProviderTableGroup)
// The persisted name is "StorageDeal" + Enumerator (dealstatus.go's DealStates map).
#define SEALSIM_DEAL_STATUSES(X)                                                          \
  X(Unknown, 0, Wait, "", Negotiation)                                                    \
  X(ProposalNotFound, 1, ClientOnly, "", Negotiation)                                     \
  X(ProposalRejected, 2, ClientOnly, "", Negotiation)                                     \
  X(ProposalAccepted, 3, ClientOnly, "", Negotiation)                                     \
  X(Staged, 4, Entry, "HandoffDeal", Completion)                                          \
  X(Sealing, 5, Entry, "VerifyDealActivated", Completion)                                 \
  X(Finalizing, 6, Entry, "CleanupDeal", Completion)                                      \
  X(Active, 7, Entry, "WaitForDealCompletion", Completion)                                \
  X(Expired, 8, Final, "", Completion)                                                    \
  X(Slashed, 9, Final, "", Completion)                                                    \
  X(Rejecting, 10, Entry, "RejectDeal", Negotiation)                                      \
  X(Failing, 11, Entry, "FailDeal", Completion)                                           \
  X(FundsReserved, 12, ClientOnly, "", FundingPublish)                                    \
  X(CheckForAcceptance, 13, ClientOnly, "", Negotiation)                                  \
  X(Validating, 14, Entry, "ValidateDealProposal", Negotiation)                           \
  X(AcceptWait, 15, Entry, "DecideOnProposal", Negotiation)                               \
  X(StartDataTransfer, 16, ClientOnly, "", Transfer)                                      \
  X(Transferring, 17, Wait, "", Transfer)                                                 \
  X(WaitingForData, 18, Wait, "", Transfer)                                               \
  X(VerifyData, 19, Entry, "VerifyData", Negotiation)                                     \
  X(ReserveProviderFunds, 20, Entry, "ReserveProviderFunds", FundingPublish)              \
  X(ReserveClientFunds, 21, ClientOnly, "", FundingPublish)                               \
  X(ProviderFunding, 22, Entry, "WaitForFunding", FundingPublish)                         \
  X(ClientFunding, 23, ClientOnly, "", FundingPublish)                                    \
  X(Publish, 24, Entry, "PublishDeal", FundingPublish)                                    \
  X(Publishing, 25, Entry, "WaitForPublish", FundingPublish)                              \
  X(Error, 26, Final, "", Completion)                                                     \
  X(ProviderTransferAwaitRestart, 27, Wait, "", Transfer)                                 \
  X(ClientTransferRestart, 28, ClientOnly, "", Transfer)                                  \
  X(AwaitingPreCommit, 29, Entry, "VerifyDealPreCommitted", Completion)                   \
  X(TransferQueued, 30, ClientOnly, "", Transfer)

enum class DealStatus : std::uint64_t {
#define SEALSIM_STATUS_ENUM(id, number, role, entry, group) id = number,
  SEALSIM_DEAL_STATUSES(SEALSIM_STATUS_ENUM)
#undef SEALSIM_STATUS_ENUM
};

struct DealStatusInfo {
  DealStatus status;
  std::string_view name;            // "StorageDealStaged"
  ProviderRole role;
  std::string_view entry_function;  // "" when the provider runs none
  ProviderTableGroup group;
};

inline constexpr std::array kDealStatuses = {
#define SEALSIM_STATUS_INFO(id, number, role, entry, group)                             \
  DealStatusInfo{DealStatus::id, "StorageDeal" #id, ProviderRole::role, entry, \
                 ProviderTableGroup::group},
    SEALSIM_DEAL_STATUSES(SEALSIM_STATUS_INFO)
#undef SEALSIM_STATUS_INFO
};
inline constexpr std::size_t kDealStatusCount = kDealStatuses.size();

// The list is in wire-number order with no gaps, so a status's number indexes the array.
constexpr const DealStatusInfo& deal_status_info(DealStatus status) {
  return kDealStatuses[static_cast<std::size_t>(status)];
}
constexpr std::string_view deal_status_name(DealStatus status) { return deal_status_info(status).name; }
constexpr bool is_final(DealStatus status) { return deal_status_info(status).role == ProviderRole::Final; }

// The status with this persisted name, if any.
std::optional<DealStatus> deal_status_from_name(std::string_view name);
// The status with this wire number, if any.
std::optional<DealStatus> deal_status_from_number(std::uint64_t number);

}  // namespace sealsim::market
