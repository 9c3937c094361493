// fsm_sector_manager_test.cpp: the FSM's SectorManager interface over the real storage manager on
// the sealing clock: results arrive later in simulated time (never inside the call) after the
// timing model's durations; 2 KiB and 8 MiB deal sectors with real data and padding pieces (fr32
// bytes at their offsets, CommD of the piece list), the 2 KiB one on to a proof the backend
// verifier accepts, finalize and remove;
// published durations of a 32 GiB sizes-only sector moving the clock; errors delivered as the
// handlers expect them; a manager restart and a lost worker.
#include "sealing/storage/fsm_sector_manager.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "model/cid.hpp"
#include "model/deterministic_rng.hpp"
#include "model/fr32.hpp"
#include "model/piece_commitment.hpp"
#include "model/piece_padding.hpp"
#include "model/unsealed_commitment.hpp"
#include "model/zero_commitment.hpp"
#include "sealing/storage/backend_proof_verifier.hpp"
#include "sealing/storage/mock_proof_backend.hpp"
#include "tests/sealing-storage/scheduler_test_support.hpp"
#include "tests/sealing-storage/unavailable_proof_backend.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
constexpr SimSeconds kStart = 1'000'000;
constexpr auto k2KiB = RegisteredSealProof::StackedDrg2KiBV1_1;
constexpr auto k32GiB = RegisteredSealProof::StackedDrg32GiBV1_1;

// Deal payloads from a seeded stream; their PieceCIDs computed independently of the manager.
class SeededDeals final : public PieceDataSource {
 public:
  Bytes deal_bytes(DealId deal, UnpaddedPieceSize size) override {
    Bytes bytes(size.bytes());
    DeterministicRng(deal).fill(bytes);
    return bytes;
  }
  Node32 deal_commitment(DealId deal, UnpaddedPieceSize size) override {
    return compute_piece_commitment(deal_bytes(deal, size), size.padded()).commitment;
  }
};

// Big deals as the market knows them: a PieceCID, no bytes (a 32 GiB payload is never made).
class KnownDeals final : public PieceDataSource {
 public:
  Bytes deal_bytes(DealId, UnpaddedPieceSize) override {
    throw std::logic_error("sizes-only run asked for deal bytes");
  }
  Node32 deal_commitment(DealId deal, UnpaddedPieceSize) override {
    Node32 commitment{};
    commitment.fill(static_cast<std::uint8_t>(deal));
    commitment[31] &= 0x3f;
    return commitment;
  }
};

template <class T>
struct Answer {
  std::optional<Result<T>> result;
  SimSeconds at = 0;
};

template <class T>
Done<T> into(test::FakeClock& clock, const std::shared_ptr<Answer<T>>& answer) {
  return [&clock, answer](Result<T> result) {
    ASSERT_FALSE(answer->result.has_value()) << "result delivered twice";
    answer->result = std::move(result);
    answer->at = clock.now();
  };
}

struct Rig {
  explicit Rig(PieceDataMode mode = PieceDataMode::RealData, std::uint64_t sealing_capacity = 1 << 20,
               std::string backend_name = "mock")
      : backend(backend_name == "unavailable" ? std::make_unique<test::UnavailableProofBackend>("cuda")
                                              : make_proof_backend(backend_name)) {
    worker = scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
    sealing = index.add_path({"sealing", sealing_capacity, true, false, std::nullopt});
    storage = index.add_path({"store", 1 << 20, false, true, std::nullopt});
    restart(mode);
  }
  void restart(PieceDataMode mode = PieceDataMode::RealData) {
    sealer.reset();
    sealer = std::make_unique<FsmSectorManager>(scheduler, index, store, *backend, clock,
                                                FsmSectorManagerOptions{kStart, mode, &deals, false});
  }
  // Runs the clock until `answer` arrives (at most a day of simulated time).
  template <class T>
  const Result<T>& wait(const std::shared_ptr<Answer<T>>& answer) {
    for (int i = 0; i < 86400 && !answer->result; ++i) clock.advance_to(clock.now() + 1);
    if (!answer->result) throw std::runtime_error("no answer within a simulated day");
    return *answer->result;
  }

  test::FakeClock clock{kStart};
  ScriptedTimingModel timing;  // 10 s of work per task
  Scheduler scheduler{timing};
  InMemorySectorFileContent content;
  StorageIndex index{&content};
  InMemoryCallRecordStore store;
  SeededDeals deals;
  std::unique_ptr<ProofBackend> backend;
  WorkerId worker = 0;
  StoragePathId sealing = 0;
  StoragePathId storage = 0;
  std::unique_ptr<FsmSectorManager> sealer;
};

TEST(FsmSectorManager, TwoKiBDealSectorFromAddPieceToVerifiedProofOnTheClock) {
  Rig rig;
  const SectorRef sector{SectorId{1000, 3}, k2KiB};
  // handleAddPiece: a 127-byte deal, padding to 512, a 508-byte deal; Packing's 1 KiB filler.
  struct Step {
    UnpaddedPieceSize size;
    PieceData data;
  };
  std::vector<Step> steps{{UnpaddedPieceSize(127), PieceData{false, 41}}};
  const PaddingPieces pads = required_padding(PaddedPieceSize(128), PaddedPieceSize(512));
  for (PaddedPieceSize pad : pads.pieces) steps.push_back({pad.unpadded(), PieceData{true, 0}});
  steps.push_back({UnpaddedPieceSize(508), PieceData{false, 42}});
  steps.push_back({UnpaddedPieceSize(1016), PieceData{true, 0}});

  std::vector<PieceInfo> pieces;
  std::vector<UnpaddedPieceSize> existing;
  for (const Step& step : steps) {
    auto answer = std::make_shared<Answer<PieceInfo>>();
    const SimSeconds asked = rig.clock.now();
    rig.sealer->add_piece(kDealSectorPriority, sector, existing, step.size, step.data,
                          into(rig.clock, answer));
    EXPECT_FALSE(answer->result.has_value()) << "never inside the call";
    const Result<PieceInfo>& piece = rig.wait(answer);
    ASSERT_TRUE(piece) << piece.error();
    EXPECT_EQ(answer->at, asked + 10) << "the task's 10 s of work moved the clock";
    const Node32 expected = step.data.zero ? zero_piece_commitment(step.size.padded())
                                           : rig.deals.deal_commitment(step.data.deal, step.size);
    EXPECT_EQ(piece->commitment, expected);
    pieces.push_back(*piece);
    existing.push_back(step.size);
  }
  ASSERT_EQ(pieces.size(), 5u);  // deal, pads 128 + 256, deal, filler

  // The unsealed file: fr32 of each deal at its padded offset (0 and 512), zeros elsewhere.
  const auto file = rig.content.read_all(SectorFileKey{sector.id, SectorFileType::Unsealed, rig.sealing});
  ASSERT_TRUE(file.has_value());
  Bytes expected_file(2048, 0);
  const Bytes first = fr32::pad(rig.deals.deal_bytes(41, UnpaddedPieceSize(127)));
  const Bytes second = fr32::pad(rig.deals.deal_bytes(42, UnpaddedPieceSize(508)));
  std::copy(first.begin(), first.end(), expected_file.begin());
  std::copy(second.begin(), second.end(), expected_file.begin() + 512);
  EXPECT_TRUE(*file == expected_file);
  const Node32 comm_d = generate_unsealed_commitment(k2KiB, pieces);
  EXPECT_EQ(comm_d, padded_tree_root(*file));

  Bytes ticket(32);
  DeterministicRng(7).fill(ticket);
  Bytes seed(32);
  DeterministicRng(8).fill(seed);
  auto pc1 = std::make_shared<Answer<Bytes>>();
  rig.sealer->seal_pre_commit1(0, sector, ticket, pieces, into(rig.clock, pc1));
  ASSERT_TRUE(rig.wait(pc1)) << pc1->result->error();
  auto pc2 = std::make_shared<Answer<SealedCids>>();
  rig.sealer->seal_pre_commit2(0, sector, **pc1->result, into(rig.clock, pc2));
  ASSERT_TRUE(rig.wait(pc2)) << pc2->result->error();
  const SealedCids cids = **pc2->result;
  EXPECT_EQ(cids.unsealed, commitment_to_cid(CommitmentKind::Unsealed, comm_d));
  auto c1 = std::make_shared<Answer<Bytes>>();
  rig.sealer->seal_commit1(0, sector, ticket, seed, pieces, cids, into(rig.clock, c1));
  ASSERT_TRUE(rig.wait(c1)) << c1->result->error();
  auto c2 = std::make_shared<Answer<Bytes>>();
  rig.sealer->seal_commit2(0, sector, **c1->result, into(rig.clock, c2));
  ASSERT_TRUE(rig.wait(c2)) << c2->result->error();

  BackendProofVerifier verifier(*rig.backend);
  SealVerifyInfo info{sector.id, k2KiB, cids.sealed, cids.unsealed, **c2->result, ticket, seed};
  const Result<bool> verdict = verifier.verify_seal(info);
  ASSERT_TRUE(verdict) << verdict.error();
  EXPECT_TRUE(*verdict);
  info.interactive_randomness[0] ^= 1;  // another seed: the mock proof no longer verifies
  EXPECT_FALSE(*verifier.verify_seal(info));
  info.unsealed_cid = cids.sealed;  // not a CommD CID: a failed call, not a verdict
  EXPECT_FALSE(verifier.verify_seal(info));

  // Finalize: the Finalize task, then the Fetch task moving sealed + cache (20 s of work).
  auto finalized = std::make_shared<Answer<Unit>>();
  const SimSeconds asked = rig.clock.now();
  rig.sealer->finalize_sector(0, sector, {}, into(rig.clock, finalized));
  ASSERT_TRUE(rig.wait(finalized)) << finalized->result->error();
  EXPECT_EQ(finalized->at, asked + 20);
  EXPECT_EQ(rig.index.good_copy(sector.id, SectorFileType::Sealed), rig.storage);
  EXPECT_EQ(rig.index.good_copy(sector.id, SectorFileType::Cache), rig.storage);
  EXPECT_TRUE(rig.index.copies(sector.id, SectorFileType::Unsealed).empty());

  auto released = std::make_shared<Answer<Unit>>();
  rig.sealer->release_unsealed(sector, {}, into(rig.clock, released));
  EXPECT_TRUE(rig.wait(released));
  auto removed = std::make_shared<Answer<Unit>>();
  rig.sealer->remove(sector, into(rig.clock, removed));
  EXPECT_FALSE(removed->result.has_value());
  EXPECT_TRUE(rig.wait(removed));
  EXPECT_EQ(rig.index.path(rig.storage).used, 0u);
  EXPECT_TRUE(rig.store.all().empty());
  EXPECT_EQ(rig.clock.pending_timers(), 0u) << "an idle scheduler leaves no timer behind";
}

TEST(FsmSectorManager, EightMiBDealSectorWithRealDataAndPaddingPieces) {
  constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
  Rig rig(PieceDataMode::RealData, 256 * kMiB);  // unsealed, sealed and a 14.1× cache
  const SectorRef sector{SectorId{1000, 8}, RegisteredSealProof::StackedDrg8MiBV1_1};
  // A 1 MiB deal at 0, padding 1 MiB + 2 MiB, a 4 MiB deal at 4 MiB (one whole AddPiece chunk).
  std::vector<std::pair<UnpaddedPieceSize, PieceData>> steps{
      {PaddedPieceSize(kMiB).unpadded(), PieceData{false, 51}},
      {PaddedPieceSize(kMiB).unpadded(), PieceData{true, 0}},
      {PaddedPieceSize(2 * kMiB).unpadded(), PieceData{true, 0}},
      {PaddedPieceSize(4 * kMiB).unpadded(), PieceData{false, 52}}};
  std::vector<PieceInfo> pieces;
  std::vector<UnpaddedPieceSize> existing;
  for (const auto& [size, data] : steps) {
    auto answer = std::make_shared<Answer<PieceInfo>>();
    rig.sealer->add_piece(kDealSectorPriority, sector, existing, size, data, into(rig.clock, answer));
    const Result<PieceInfo>& piece = rig.wait(answer);
    ASSERT_TRUE(piece) << piece.error();
    pieces.push_back(*piece);
    existing.push_back(size);
  }
  EXPECT_EQ(pieces[0].commitment, rig.deals.deal_commitment(51, steps[0].first));
  EXPECT_EQ(pieces[3].commitment, rig.deals.deal_commitment(52, steps[3].first));
  const auto file = rig.content.read_all(SectorFileKey{sector.id, SectorFileType::Unsealed, rig.sealing});
  ASSERT_TRUE(file.has_value());
  Bytes expected(8 * kMiB, 0);
  const Bytes first = fr32::pad(rig.deals.deal_bytes(51, steps[0].first));
  const Bytes second = fr32::pad(rig.deals.deal_bytes(52, steps[3].first));
  std::copy(first.begin(), first.end(), expected.begin());
  std::copy(second.begin(), second.end(), expected.begin() + static_cast<std::ptrdiff_t>(4 * kMiB));
  EXPECT_TRUE(*file == expected);
  const Node32 comm_d = generate_unsealed_commitment(sector.proof_type, pieces);
  EXPECT_EQ(comm_d, padded_tree_root(*file));

  auto pc1 = std::make_shared<Answer<Bytes>>();
  rig.sealer->seal_pre_commit1(0, sector, Bytes(32, 0), pieces, into(rig.clock, pc1));
  ASSERT_TRUE(rig.wait(pc1)) << pc1->result->error();
  auto pc2 = std::make_shared<Answer<SealedCids>>();
  rig.sealer->seal_pre_commit2(0, sector, **pc1->result, into(rig.clock, pc2));
  ASSERT_TRUE(rig.wait(pc2)) << pc2->result->error();
  EXPECT_EQ((*pc2->result)->unsealed, commitment_to_cid(CommitmentKind::Unsealed, comm_d));
}

TEST(FsmSectorManager, PublishedDurationsOfASizesOnlyThirtyTwoGiBSectorMoveTheClock) {
  test::FakeClock clock{kStart};
  PublishedTimingModel timing(DeterministicRng(3), 0);  // no jitter: the published figures
  Scheduler scheduler(timing);
  scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
  StorageIndex index;
  index.add_path({"sealing", std::uint64_t{1} << 40, true, false, std::nullopt});
  InMemoryCallRecordStore store;
  MockProofBackend backend;
  KnownDeals deals;
  FsmSectorManager sealer(scheduler, index, store, backend, clock,
                          FsmSectorManagerOptions{kStart, PieceDataMode::SizesOnly, &deals, false});
  const SectorRef sector{SectorId{1000, 9}, k32GiB};
  const UnpaddedPieceSize whole = PaddedPieceSize(std::uint64_t{32} << 30).unpadded();
  auto piece = std::make_shared<Answer<PieceInfo>>();
  sealer.add_piece(kDealSectorPriority, sector, {}, whole, PieceData{false, 5}, into(clock, piece));
  const SimDuration add_piece = published_task_duration(TaskType::AddPiece, k32GiB);
  clock.advance_to(kStart + add_piece.count() / 1000 - 1);
  EXPECT_FALSE(piece->result.has_value());
  clock.advance_to(kStart + (add_piece.count() + 999) / 1000);
  ASSERT_TRUE(piece->result.has_value());
  ASSERT_TRUE(*piece->result) << piece->result->error();
  EXPECT_EQ(piece->at, kStart + (add_piece.count() + 999) / 1000);
  EXPECT_EQ((*piece->result)->size, PaddedPieceSize(std::uint64_t{32} << 30));
  EXPECT_EQ((*piece->result)->commitment, deals.deal_commitment(5, whole));
  EXPECT_EQ(index.path(0).used, std::uint64_t{32} << 30);

  auto pc1 = std::make_shared<Answer<Bytes>>();
  const SimSeconds asked = clock.now();
  sealer.seal_pre_commit1(0, sector, Bytes(32, 1), {**piece->result}, into(clock, pc1));
  const SimDuration pc1_time = published_task_duration(TaskType::PreCommit1, k32GiB);
  EXPECT_GT(pc1_time, std::chrono::hours(2)) << "PC1 of 32 GiB takes hours";
  clock.advance_to(asked + (pc1_time.count() + 999) / 1000 - 1);
  EXPECT_FALSE(pc1->result.has_value());
  clock.advance_to(asked + (pc1_time.count() + 999) / 1000);
  ASSERT_TRUE(pc1->result.has_value());
  EXPECT_TRUE(*pc1->result) << pc1->result->error();
}

TEST(FsmSectorManager, ErrorsArriveThroughTheContinuationAsTheHandlersExpectThem) {
  {
    Rig rig(PieceDataMode::RealData, 1024);  // the 2 KiB unsealed file does not fit
    auto piece = std::make_shared<Answer<PieceInfo>>();
    rig.sealer->add_piece(0, SectorRef{SectorId{1000, 4}, k2KiB}, {}, UnpaddedPieceSize(2032),
                          PieceData{}, into(rig.clock, piece));
    EXPECT_FALSE(piece->result.has_value());
    const Result<PieceInfo>& result = rig.wait(piece);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().rfind("acquire unsealed sector: no sealing path has room for the "
                                   "unsealed file of sector s-t01000-4",
                                   0),
              0u)
        << result.error();
    EXPECT_EQ(rig.index.path(rig.sealing).reserved, 0u);
  }
  {
    Rig rig(PieceDataMode::RealData);
    auto piece = std::make_shared<Answer<PieceInfo>>();
    rig.sealer->add_piece(0, SectorRef{SectorId{1000, 4}, k32GiB}, {}, UnpaddedPieceSize(127),
                          PieceData{}, into(rig.clock, piece));
    const Result<PieceInfo>& result = rig.wait(piece);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error(),
              "add piece: real piece data is simulated only for sectors up to 8 MiB; sector "
              "s-t01000-4 has 34359738368 bytes (run it with sizes only)");
  }
  {
    Rig rig(PieceDataMode::RealData, 1 << 20, "unavailable");
    auto piece = std::make_shared<Answer<PieceInfo>>();
    rig.sealer->add_piece(0, SectorRef{SectorId{1000, 4}, k2KiB}, {}, UnpaddedPieceSize(2032),
                          PieceData{}, into(rig.clock, piece));
    const Result<PieceInfo>& result = rig.wait(piece);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error(), "proof backend 'cuda' is not available in this build (AddPiece)");
  }
  {
    Rig rig;
    auto c1 = std::make_shared<Answer<Bytes>>();
    const Cid sealed = commitment_to_cid(CommitmentKind::Sealed, Node32{});
    rig.sealer->seal_commit1(0, SectorRef{SectorId{1000, 4}, k2KiB}, Bytes(32, 0), Bytes(32, 0), {},
                             SealedCids{sealed, sealed}, into(rig.clock, c1));
    EXPECT_FALSE(c1->result.has_value());
    const Result<Bytes>& result = rig.wait(c1);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().find("unexpected commitment codec"), std::string::npos) << result.error();
  }
}

TEST(FsmSectorManager, RestartMidPreCommit1NeitherRunsItTwiceNorAnswersTheDeadCaller) {
  Rig rig;
  const SectorRef sector{SectorId{1000, 5}, k2KiB};
  auto piece = std::make_shared<Answer<PieceInfo>>();
  rig.sealer->add_piece(0, sector, {}, UnpaddedPieceSize(2032), PieceData{}, into(rig.clock, piece));
  ASSERT_TRUE(rig.wait(piece));
  auto dead = std::make_shared<Answer<Bytes>>();
  const SimSeconds asked = rig.clock.now();
  rig.sealer->seal_pre_commit1(0, sector, Bytes(32, 0), {**piece->result}, into(rig.clock, dead));
  rig.clock.advance_to(asked + 4);
  rig.restart();  // the miner process restarts; workers keep running PC1
  auto answer = std::make_shared<Answer<Bytes>>();
  rig.sealer->seal_pre_commit1(0, sector, Bytes(32, 0), {**piece->result}, into(rig.clock, answer));
  ASSERT_TRUE(rig.wait(answer)) << answer->result->error();
  EXPECT_EQ(answer->at, asked + 10) << "the running call's result, not a second run";
  EXPECT_EQ(rig.scheduler.task_count(), 2u);
  EXPECT_EQ(rig.sealer->storage().tasks_submitted(), 0u);
  rig.clock.advance_to(rig.clock.now() + 100);
  EXPECT_FALSE(dead->result.has_value());
}

TEST(FsmSectorManager, WorkerLostMidTaskIsRequeuedAndRunsWhenItReturns) {
  Rig rig;
  const SectorRef sector{SectorId{1000, 6}, k2KiB};
  auto piece = std::make_shared<Answer<PieceInfo>>();
  rig.sealer->add_piece(0, sector, {}, UnpaddedPieceSize(2032), PieceData{}, into(rig.clock, piece));
  rig.clock.advance_to(rig.clock.now() + 5);
  EXPECT_EQ(rig.index.path(rig.sealing).reserved, 2048u);
  rig.sealer->change_workers([&](Scheduler& scheduler) { scheduler.disconnect_worker(rig.worker); });
  rig.clock.advance_to(rig.clock.now());
  EXPECT_EQ(rig.index.path(rig.sealing).reserved, 0u);
  rig.clock.advance_to(rig.clock.now() + 60);
  EXPECT_FALSE(piece->result.has_value());
  const SimSeconds back = rig.clock.now();
  rig.sealer->change_workers([&](Scheduler& scheduler) { scheduler.reconnect_worker(rig.worker); });
  ASSERT_TRUE(rig.wait(piece)) << piece->result->error();
  EXPECT_EQ(piece->at, back + 10);
  EXPECT_EQ(rig.scheduler.outcome(0)->attempts, 2u);
}

}  // namespace
}  // namespace sealsim::sealing
