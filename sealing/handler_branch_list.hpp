// handler_branch_list.hpp: the ONE list of the handler branches the spec names (sealing-fsm.md
// §8.4-§8.19 outcome lists, the §9.4 handling matrix), with a stable id per branch
// ("Handler.Branch", derived from the list) for branch coverage next to the (state, event) rows.
// A handler reports a branch through HandlerEnv::branches (branch_coverage.hpp) when it takes it.
//
// Scope: the sealing, failure and post-seal handlers of handlers.cpp, handlers_precommit.cpp,
// handlers_commit.cpp, handlers_deals.cpp and handlers_post_seal.cpp. The input handlers (WaitDeals,
// AddPiece) are not listed yet. Branches Lotus v1.11.0 cannot take carry the spec's reason.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace sealsim::sealing {

// X(Handler, Branch, "spec section", "what the branch does", "why no v1.11.0 run takes it" or "")
// Handler is the state (or shared step) whose handler holds the branch.
#define SEALSIM_HANDLER_BRANCHES(X)                                                                          \
  X(Packing, TooMuchData, "§8.3 step 2", "allocated > sector size: STALL", "")                             \
  X(Packing, FillerFailed, "§8.3 step 4", "a filler AddPiece failed: STALL in Packing", "")                \
  X(Packing, Packed, "§8.3 step 5", "SectorPacked", "")                                                    \
  X(GetTicket, ApiErrorEmptyTicket, "§8.4 steps 1-2, Q4",                                                  \
    "ChainHead/StateMinerSectorAllocated error: empty ticket at epoch 0, no error", "")                     \
  X(GetTicket, Ticket, "§8.4 outcome", "SectorTicket", "")                                                 \
  X(GetTicket, CommittedCommitFailed, "§8.4 outcome", "error, allocated, CommitMessage set: SectorCommitFailed", \
    "")                                                                                                     \
  X(GetTicket, AllocatedRemove, "§8.4 outcome", "error and allocated: SectorRemove", "")                   \
  X(GetTicket, NotAllocatedHalt, "§8.4 outcome, Q1", "error, not allocated: SectorSealPreCommit1Failed (HALT)", \
    "")                                                                                                     \
  X(PreCommit1, InvalidDeals, "§8.5 step 1, §9.4", "ErrInvalidDeals: SectorInvalidDealIDs(ret PreCommit1)", "") \
  X(PreCommit1, ExpiredDeals, "§8.5 step 1, §9.4", "ErrExpiredDeals: SectorDealsExpired", "")              \
  X(PreCommit1, CheckStall, "§8.5 step 1, §9.4", "ErrApi / ErrInvalidPiece: STALL", "")                    \
  X(PreCommit1, ApiStall, "§8.5 step 2", "ChainHead / precommit info / network version error: STALL", "")  \
  X(PreCommit1, OldTicket, "§8.5 step 2", "ticket expired, not precommitted: SectorOldTicket", "")         \
  X(PreCommit1, OldTicketProveCommitExpired, "§8.5 step 2",                                                 \
    "ticket expired, precommit too old to prove: SectorOldTicket", "")                                      \
  X(PreCommit1, KeepOldTicket, "§8.5 step 2", "ticket expired but precommitted and provable: seal with it", "") \
  X(PreCommit1, Pc1Failed, "§8.5 step 3", "SealPreCommit1 error: SectorSealPreCommit1Failed", "")          \
  X(PreCommit1, Pc1Done, "§8.5 step 3", "SectorPreCommit1", "")                                            \
  X(PreCommit2, Pc2Failed, "§8.6", "SealPreCommit2 error: SectorSealPreCommit2Failed", "")                 \
  X(PreCommit2, UndefinedCommD, "§8.6", "undefined unsealed CID: SectorSealPreCommit1Failed",             \
    "unreachable: the sector managers always return a CommD")                                               \
  X(PreCommit2, Pc2Done, "§8.6", "SectorPreCommit2", "")                                                   \
  X(PreCommitParams, HeadError, "§8.7 step 1", "ChainHead error: nothing", "")                             \
  X(PreCommitParams, CheckApi, "§8.7 step 2, §9.4", "ErrApi: nothing (logged)", "")                        \
  X(PreCommitParams, BadCommD, "§8.7 step 2, §9.4", "ErrBadCommD: SectorSealPreCommit1Failed", "")         \
  X(PreCommitParams, ExpiredTicket, "§8.7 step 2, §9.4", "ErrExpiredTicket: SectorSealPreCommit1Failed", "") \
  X(PreCommitParams, BadTicket, "§8.7 step 2, §9.4", "ErrBadTicket: SectorSealPreCommit1Failed", "")       \
  X(PreCommitParams, InvalidDeals, "§8.7 step 2, §9.4", "ErrInvalidDeals: SectorInvalidDealIDs(ret PreCommitting)", \
    "")                                                                                                     \
  X(PreCommitParams, ExpiredDeals, "§8.7 step 2, §9.4", "ErrExpiredDeals: SectorDealsExpired", "")         \
  X(PreCommitParams, PrecommitOnChain, "§8.7 step 2, §9.4", "ErrPrecommitOnChain: SectorPreCommitLanded", "") \
  X(PreCommitParams, SectorNumberAllocated, "§8.7 step 2, §9.4", "ErrSectorNumberAllocated: nothing (logged)", \
    "")                                                                                                     \
  X(PreCommitParams, CheckOther, "§8.7 step 2, §9.4", "other check error: nothing, with the error", "")    \
  X(PreCommitParams, ExpirationError, "§8.7 step 3", "policy expiration error: SectorSealPreCommit1Failed", "") \
  X(PreCommitParams, NetworkVersionError, "§8.7 step 4", "network version error: SectorSealPreCommit1Failed", \
    "")                                                                                                     \
  X(PreCommitParams, DepositError, "§8.7 step 7", "PreCommitDepositForPower error: nothing, with the error", "") \
  X(PreCommitParams, Params, "§8.7 step 8", "params, deposit and token", "")                               \
  X(PreCommitting, Batch, "§8.8 step 1", "BatchPreCommits and nv >= 13: SectorPreCommitBatch", "")         \
  X(PreCommitting, ApiStall, "§8.8 steps 1-3", "config / network version / miner info error: STALL", "")   \
  X(PreCommitting, NoParams, "§8.8 step 2", "preCommitParams gave nothing: STALL or its own event", "")    \
  X(PreCommitting, SendFailed, "§8.8 step 5", "SendMsg error: SectorChainPreCommitFailed", "")             \
  X(PreCommitting, PreCommitted, "§8.8 step 6", "SectorPreCommitted", "")                                  \
  X(SubmitPreCommitBatch, NilCommitments, "§8.9 step 1", "CommD or CommR absent: SectorSealPreCommit1Failed", \
    "unreachable: PreCommit2 sets both before PreCommitting runs")                                          \
  X(SubmitPreCommitBatch, ParamsFailed, "§8.9 step 2, Q2",                                                  \
    "preCommitParams gave nothing or an error: SectorChainPreCommitFailed (double send)", "")              \
  X(SubmitPreCommitBatch, QueueError, "§8.9 step 3", "AddPreCommit error: SectorChainPreCommitFailed", "") \
  X(SubmitPreCommitBatch, BatchError, "§8.9 step 4", "res.Error: SectorChainPreCommitFailed", "")          \
  X(SubmitPreCommitBatch, NilMessage, "§8.9 step 4", "res.Msg absent: SectorChainPreCommitFailed", "")     \
  X(SubmitPreCommitBatch, Sent, "§8.9 step 4", "SectorPreCommitBatchSent", "")                             \
  X(PreCommitWait, NilMessage, "§8.10 step 1", "PreCommitMessage absent: SectorChainPreCommitFailed", "")  \
  X(PreCommitWait, WaitError, "§8.10 step 2", "StateWaitMsg error: SectorChainPreCommitFailed", "")        \
  X(PreCommitWait, Landed, "§8.10 step 3", "exit 0: SectorPreCommitLanded", "")                            \
  X(PreCommitWait, RetryFunds, "§8.10 step 3", "exit 6 or 7: SectorRetryPreCommit", "")                    \
  X(PreCommitWait, Failed, "§8.10 step 3", "other exit code: SectorChainPreCommitFailed", "")              \
  X(WaitSeed, ApiStall, "§8.11 step 1", "ChainHead / precommit info error: STALL", "")                     \
  X(WaitSeed, NoPrecommit, "§8.11 step 1", "precommit not on chain: SectorChainPreCommitFailed", "")       \
  X(WaitSeed, HeadErrorNoEvent, "§8.11 step 4", "callback's ChainHead error: no event", "")                \
  X(WaitSeed, RandomnessError, "§8.11 step 4", "beacon randomness error: SectorChainPreCommitFailed", "")  \
  X(WaitSeed, SeedReady, "§8.11 step 4", "SectorSeedReady", "")                                            \
  X(PreCommitFailed, HeadStall, "§8.18 step 1", "ChainHead error: STALL", "")                              \
  X(PreCommitFailed, SearchError, "§8.18 step 2", "StateSearchMsg error: cooldown, SectorRetryPreCommitWait", "") \
  X(PreCommitFailed, MessageNotFound, "§8.18 step 2", "message not found: SectorRetryPreCommitWait", "")    \
  X(PreCommitFailed, MessageLanded, "§8.18 step 2", "exit 0: SectorRetryPreCommitWait", "")                \
  X(PreCommitFailed, OutOfGas, "§8.18 step 2", "exit 7: SectorRetryPreCommit", "")                         \
  X(PreCommitFailed, BadCommD, "§8.18 step 3, §9.4", "ErrBadCommD: SectorSealPreCommit1Failed", "")        \
  X(PreCommitFailed, ExpiredTicket, "§8.18 step 3, §9.4", "ErrExpiredTicket: SectorSealPreCommit1Failed", "") \
  X(PreCommitFailed, BadTicket, "§8.18 step 3, §9.4", "ErrBadTicket: SectorSealPreCommit1Failed", "")      \
  X(PreCommitFailed, InvalidDeals, "§8.18 step 3, §9.4",                                                    \
    "ErrInvalidDeals: SectorInvalidDealIDs(ret PreCommitFailed)", "")                                      \
  X(PreCommitFailed, ExpiredDeals, "§8.18 step 3, §9.4", "ErrExpiredDeals: SectorDealsExpired", "")        \
  X(PreCommitFailed, NoPrecommit, "§8.18 step 3, §9.4", "ErrNoPrecommit: SectorRetryPreCommit",            \
    "unreachable: checkPrecommit never returns ErrNoPrecommit (sealing-fsm.md §9.4)")                      \
  X(PreCommitFailed, CheckStall, "§8.18 step 3, §9.4", "ErrApi / ErrSectorNumberAllocated / other: STALL", "") \
  X(PreCommitFailed, LandedWithoutMessage, "§8.18 step 4", "on chain, no PreCommitMessage: SectorPreCommitLanded", \
    "")                                                                                                     \
  X(PreCommitFailed, SealedCidMismatch, "§8.18 step 4", "on-chain SealedCID differs from CommR: STALL", "")  \
  X(PreCommitFailed, RetryWaitSeed, "§8.18 step 4", "on chain: cooldown, SectorRetryWaitSeed", "")         \
  X(PreCommitFailed, RetryPreCommit, "§8.18 step 5", "not on chain: cooldown, SectorRetryPreCommit", "")   \
  X(Committing, CommitMessageFound, "§8.12 step 1", "CommitMessage found on chain: SectorRetryCommitWait", "") \
  X(Committing, NilCommitments, "§8.12 step 2", "CommD or CommR absent: SectorCommitFailed", "")           \
  X(Committing, C1Failed, "§8.12 step 3", "SealCommit1 error: SectorComputeProofFailed", "")               \
  X(Committing, C2Failed, "§8.12 step 4", "SealCommit2 error: SectorComputeProofFailed", "")               \
  X(Committing, HeadStall, "§8.12 step 5", "ChainHead error: STALL", "")                                   \
  X(Committing, CheckFailed, "§8.12 step 5, §9.4", "any checkCommit error: SectorComputeProofFailed", "")  \
  X(Committing, ProofReady, "§8.12 step 6", "FinalizeEarly: SectorProofReady", "")                         \
  X(Committing, Committed, "§8.12 step 6", "SectorCommitted", "")                                          \
  X(SubmitCommit, Aggregate, "§8.14 step 1", "AggregateCommits and nv >= 13: SectorSubmitCommitAggregate", "") \
  X(SubmitCommit, ApiStall, "§8.14 steps 1-5", "network version / head / miner info / precommit / pledge error: STALL", \
    "")                                                                                                     \
  X(SubmitCommit, CheckFailed, "§8.14 step 2, §9.4", "any checkCommit error: SectorCommitFailed", "")      \
  X(SubmitCommit, NoPrecommit, "§8.14 step 4", "precommit absent: SectorCommitFailed", "")                 \
  X(SubmitCommit, SendFailed, "§8.14 step 7", "SendMsg error: SectorCommitFailed", "")                     \
  X(SubmitCommit, Submitted, "§8.14 step 7", "SectorCommitSubmitted", "")                                  \
  X(SubmitCommitAggregate, NilCommitments, "§8.15 step 1", "CommD or CommR absent: SectorCommitFailed",   \
    "unreachable: PreCommit2 sets both before the sector commits")                                          \
  X(SubmitCommitAggregate, QueueError, "§8.15 step 2, Q16", "AddCommit error: SectorRetrySubmitCommit", "") \
  X(SubmitCommitAggregate, BatchErrorCheckFailed, "§8.15 step 3", "res.Error, checkCommit fails: SectorCommitFailed", \
    "")                                                                                                     \
  X(SubmitCommitAggregate, BatchErrorRetry, "§8.15 step 3", "res.Error, checkCommit passes: SectorRetrySubmitCommit", \
    "")                                                                                                     \
  X(SubmitCommitAggregate, FailedSector, "§8.15 step 4", "listed in res.FailedSectors: SectorCommitFailed", "") \
  X(SubmitCommitAggregate, NilMessage, "§8.15 step 5", "res.Msg absent: SectorCommitFailed", "")           \
  X(SubmitCommitAggregate, Sent, "§8.15 step 5", "SectorCommitAggregateSent", "")                          \
  X(CommitWait, NilMessage, "§8.16 step 1", "CommitMessage absent: SectorCommitFailed", "")                \
  X(CommitWait, WaitError, "§8.16 step 2", "StateWaitMsg error: SectorCommitFailed", "")                   \
  X(CommitWait, RetryFunds, "§8.16 step 3", "exit 6 or 7: SectorRetrySubmitCommit", "")                    \
  X(CommitWait, ExitFailed, "§8.16 step 3", "other exit code: SectorCommitFailed", "")                     \
  X(CommitWait, SectorInfoError, "§8.16 step 4", "StateSectorGetInfo error: SectorCommitFailed", "")       \
  X(CommitWait, NotInSectorSet, "§8.16 step 4", "sector not found after cron: SectorCommitFailed", "")     \
  X(CommitWait, Proving, "§8.16 step 4", "SectorProving", "")                                              \
  X(CommitFailed, HeadStall, "§8.18 step 1", "ChainHead error: STALL", "")                                 \
  X(CommitFailed, SearchError, "§8.18 step 2", "StateSearchMsg error: cooldown, SectorRetryCommitWait", "") \
  X(CommitFailed, MessageNotFound, "§8.18 step 2", "message not found: SectorRetryCommitWait", "")         \
  X(CommitFailed, MessageLanded, "§8.18 step 2", "exit 0: SectorRetryCommitWait", "")                      \
  X(CommitFailed, OutOfGas, "§8.18 step 2", "exit 7: SectorRetrySubmitCommit", "")                         \
  X(CommitFailed, BadSeed, "§8.18 step 3, §9.4", "ErrBadSeed: SectorRetryWaitSeed", "")                    \
  X(CommitFailed, InvalidProofRetry, "§8.18 step 3, §9.4", "ErrInvalidProof, first: cooldown, SectorRetryInvalidProof", \
    "")                                                                                                     \
  X(CommitFailed, InvalidProofReseal, "§8.18 step 3, §9.4",                                                 \
    "ErrInvalidProof, InvalidProofs > 0: cooldown, SectorSealPreCommit1Failed", "")                        \
  X(CommitFailed, NoPrecommit, "§8.18 step 3, §9.4", "ErrNoPrecommit: SectorRetryPreCommit", "")           \
  X(CommitFailed, InvalidDeals, "§8.18 step 3, §9.4", "ErrInvalidDeals: SectorInvalidDealIDs(ret CommitFailed)", \
    "")                                                                                                     \
  X(CommitFailed, ExpiredDeals, "§8.18 step 3, §9.4", "ErrExpiredDeals: SectorDealsExpired", "")           \
  X(CommitFailed, CommitWaitFailed, "§8.18 step 3, §9.4", "ErrCommitWaitFailed: cooldown, SectorRetryCommitWait", \
    "")                                                                                                     \
  X(CommitFailed, CheckStall, "§8.18 step 3, §9.4", "ErrApi / ErrInvalidPiece / untyped: STALL", "")       \
  X(CommitFailed, ProofChecksOut, "§8.18 step 3", "no check error: cooldown, SectorRetryComputeProof", "") \
  X(SealPreCommit1Failed, Retry, "§8.18", "cooldown, SectorRetrySealPreCommit1", "")                       \
  X(SealPreCommit2Failed, RetryPc2, "§8.18", "PreCommit2Fails <= 3: cooldown, SectorRetrySealPreCommit2", "") \
  X(SealPreCommit2Failed, RetryPc1, "§8.18", "PreCommit2Fails > 3: cooldown, SectorRetrySealPreCommit1", "") \
  X(ComputeProofFailed, Retry, "§8.18", "InvalidProofs <= 1: cooldown, SectorRetryComputeProof", "")       \
  X(ComputeProofFailed, Reseal, "§8.18", "InvalidProofs > 1: cooldown, SectorSealPreCommit1Failed", "")    \
  X(FinalizeSector, Failed, "§8.13", "FinalizeSector error: SectorFinalizeFailed", "")                     \
  X(FinalizeSector, Finalized, "§8.13", "SectorFinalized", "")                                             \
  X(FinalizeFailed, Retry, "§8.18", "cooldown, SectorRetryFinalize", "")                                   \
  X(Proving, ReleaseUnsealed, "§8.17", "ReleaseUnsealed, no event", "")                                    \
  X(Removing, Failed, "§8.19", "Remove error: SectorRemoveFailed", "")                                     \
  X(Removing, Removed, "§8.19", "SectorRemoved", "")                                                       \
  X(RemoveFailed, Retry, "§8.18", "cooldown, SectorRemove", "")                                            \
  X(DealsExpired, ApiStall, "§8.18", "StateSectorGetInfo error: STALL", "")                                \
  X(DealsExpired, CommittedStall, "§8.18", "sector proven on chain: STALL", "")                            \
  X(DealsExpired, Remove, "§8.18", "SectorRemove", "")                                                     \
  X(RecoverDealIDs, HeadStall, "§8.18 step 1", "ChainHead error: STALL", "")                               \
  X(RecoverDealIDs, NonZeroFiller, "§8.18 step 2", "a piece without deal is not a zero piece: STALL", "")  \
  X(RecoverDealIDs, ExpiredDealStall, "§8.18 step 2", "a matching deal has started: STALL", "")            \
  X(RecoverDealIDs, NoPublishCidRemove, "§8.18 step 3", "a piece to fix has no PublishCid: SectorRemove", "") \
  X(RecoverDealIDs, DealInfoCrash, "§8.18 step 3, §12.6", "GetCurrentDealInfo would panic: node crash", "") \
  X(RecoverDealIDs, AllFailedRemove, "§8.18 step 4", "failures + padding = all pieces: SectorRemove", "")  \
  X(RecoverDealIDs, SomeFailedStall, "§8.18 step 4", "some deals unrecoverable: STALL", "")                \
  X(RecoverDealIDs, UpdateDealIds, "§8.18 step 5", "SectorUpdateDealIDs", "")                              \
  X(Terminating, SectorInfoError, "§8.19 step 1", "StateSectorGetInfo error: SectorTerminateFailed", "")   \
  X(Terminating, PreCommitInfoError, "§8.19 step 2", "precommit info error: SectorTerminateFailed", "")    \
  X(Terminating, PrecommittedNotProven, "§8.19 step 2", "precommitted, not proven: SectorTerminateFailed", "") \
  X(Terminating, NotOnChainRemove, "§8.19 step 2", "neither proven nor precommitted: SectorRemove", "")    \
  X(Terminating, QueueError, "§8.19 step 3", "AddTermination error: SectorTerminateFailed", "")            \
  X(Terminating, AlreadyTerminated, "§8.19 step 3, Q8", "already terminated: SectorTerminating{no message}", "") \
  X(Terminating, Queued, "§8.19 step 3", "SectorTerminating{message}", "")                                 \
  X(TerminateWait, NilMessage, "§8.19, Q8", "TerminateMessage absent: STALL", "")                          \
  X(TerminateWait, WaitError, "§8.19", "StateWaitMsg error: SectorTerminateFailed", "")                    \
  X(TerminateWait, ExitFailed, "§8.19", "non-zero exit: SectorTerminateFailed", "")                        \
  X(TerminateWait, Terminated, "§8.19", "SectorTerminated", "")                                            \
  X(TerminateFinality, HeadError, "§8.19", "ChainHead error: SectorTerminateFailed", "")                   \
  X(TerminateFinality, VersionError, "§8.19", "network version error: SectorTerminateFailed", "")          \
  X(TerminateFinality, Wait, "§8.19, Q9", "before TerminatedAt + lookback: sleep and loop", "")            \
  X(TerminateFinality, Remove, "§8.19", "past TerminatedAt + lookback: SectorRemove", "")                  \
  X(TerminateFailed, PrecommittedStall, "§8.18", "precommitted but not proven: STALL (remove by hand)", "") \
  X(TerminateFailed, Retry, "§8.18", "cooldown, SectorTerminate", "")                                      \
  X(FaultReported, NilMessage, "§8.19", "FaultReportMsg absent: STALL",                                    \
    "unreachable: SectorFaultReported is never sent in v1.11.0 (sealing-fsm.md §3.2)")                     \
  X(FaultReported, WaitFailed, "§8.19", "wait error or non-zero exit: STALL",                              \
    "unreachable: SectorFaultReported is never sent in v1.11.0 (sealing-fsm.md §3.2)")                     \
  X(FaultReported, FaultedFinal, "§8.19, Q7", "SectorFaultedFinal (HALT: FaultReported is final)",         \
    "unreachable: SectorFaultReported is never sent in v1.11.0 (sealing-fsm.md §3.2)")

enum class HandlerBranch {
#define SEALSIM_BRANCH_ENUM(handler, branch, spec, what, unreachable) handler##branch,
  SEALSIM_HANDLER_BRANCHES(SEALSIM_BRANCH_ENUM)
#undef SEALSIM_BRANCH_ENUM
};

struct HandlerBranchInfo {
  HandlerBranch branch;
  std::string_view id;           // stable id "Handler.Branch", used in coverage files
  std::string_view handler;      // the state (or shared step) whose handler holds it
  std::string_view spec;         // section of sealing-fsm.md that lists it
  std::string_view what;         // condition and outcome
  std::string_view unreachable;  // why no v1.11.0 run takes it; empty when reachable
};

inline constexpr std::array kHandlerBranches = {
#define SEALSIM_BRANCH_INFO(handler, branch, spec, what, unreachable) \
  HandlerBranchInfo{HandlerBranch::handler##branch, #handler "." #branch, #handler, spec, what, unreachable},
    SEALSIM_HANDLER_BRANCHES(SEALSIM_BRANCH_INFO)
#undef SEALSIM_BRANCH_INFO
};

inline constexpr std::size_t kHandlerBranchCount = kHandlerBranches.size();

constexpr const HandlerBranchInfo& branch_info(HandlerBranch branch) {
  return kHandlerBranches[static_cast<std::size_t>(branch)];
}

// "Handler.Branch" -> branch; nullopt for ids not in the list (e.g. from an older coverage file).
constexpr std::optional<HandlerBranch> branch_from_id(std::string_view id) {
  for (const auto& info : kHandlerBranches) {
    if (info.id == id) return info.branch;
  }
  return std::nullopt;
}

}  // namespace sealsim::sealing
