// request_queue_test.cpp: queue ordering (Lotus TestRequestQueue and the rules of spec §14.3).
#include "sealing/storage/request_queue.hpp"

#include <gtest/gtest.h>

namespace sealsim::sealing {
namespace {

QueuedRequest request(TaskType task, SectorNumber sector = 0, int priority = 0,
                      std::uint64_t sequence = 0) {
  return QueuedRequest{sequence, SectorId{1000, sector}, task, priority, sequence};
}

// Lotus request_queue_test.go: push AP, PC1, PC2, PC1, AP; remove 0 → PC2, 0 → PC1, 1 → AP,
// 0 → PC1.
TEST(RequestQueue, LotusRemovalSequence) {
  RequestQueue queue;
  std::uint64_t sequence = 0;
  for (TaskType task : {TaskType::AddPiece, TaskType::PreCommit1, TaskType::PreCommit2,
                        TaskType::PreCommit1, TaskType::AddPiece}) {
    queue.push(request(task, 0, 0, sequence++));
  }
  EXPECT_EQ(queue.remove(0).task, TaskType::PreCommit2);
  EXPECT_EQ(queue.remove(0).task, TaskType::PreCommit1);
  EXPECT_EQ(queue.remove(1).task, TaskType::AddPiece);
  EXPECT_EQ(queue.remove(0).task, TaskType::PreCommit1);
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].task, TaskType::AddPiece);
}

TEST(RequestQueue, FinalizeAndFetchBeatPriority) {
  EXPECT_TRUE(request_precedes(request(TaskType::Finalize, 9, 0), request(TaskType::Commit1, 1, 1024)));
  EXPECT_TRUE(request_precedes(request(TaskType::Fetch, 9, 0), request(TaskType::AddPiece, 1, 1024)));
  EXPECT_FALSE(request_precedes(request(TaskType::AddPiece, 1, 1024), request(TaskType::Fetch, 9, 0)));
  // Both urgent: priority decides, then the order value (Finalize −2 before Fetch −1).
  EXPECT_TRUE(request_precedes(request(TaskType::Fetch, 1, 1024), request(TaskType::Finalize, 1, 0)));
  EXPECT_TRUE(request_precedes(request(TaskType::Finalize, 5, 0), request(TaskType::Fetch, 1, 0)));
}

TEST(RequestQueue, DealPriorityThenTaskOrderThenSectorThenSubmission) {
  EXPECT_TRUE(request_precedes(request(TaskType::AddPiece, 9, kDealSectorPriority),
                               request(TaskType::Commit1, 1, 0)));
  EXPECT_TRUE(request_precedes(request(TaskType::Commit1, 9), request(TaskType::PreCommit1, 1)));
  EXPECT_TRUE(request_precedes(request(TaskType::PreCommit1, 1, 0, 7),
                               request(TaskType::PreCommit1, 2, 0, 3)));
  EXPECT_TRUE(request_precedes(request(TaskType::PreCommit1, 1, 0, 3),
                               request(TaskType::PreCommit1, 1, 0, 7)));
  EXPECT_FALSE(request_precedes(request(TaskType::PreCommit1, 1, 0, 3),
                                request(TaskType::PreCommit1, 1, 0, 3)));
}

TEST(RequestQueue, RemoveTaskAndRetain) {
  RequestQueue queue;
  for (std::uint64_t i = 0; i < 4; ++i) queue.push(request(TaskType::AddPiece, i, 0, i));
  EXPECT_TRUE(queue.remove_task(2));
  EXPECT_FALSE(queue.remove_task(2));
  EXPECT_FALSE(queue.contains(2));
  queue.retain({true, false, true});
  ASSERT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue[0].task_id, 0u);
  EXPECT_EQ(queue[1].task_id, 3u);
  EXPECT_THROW(queue.remove(5), std::out_of_range);
}

TEST(TaskType, NamesRoundTripAndOrderValuesMatchSpec) {
  EXPECT_EQ(parse_task_type("PC1"), TaskType::PreCommit1);
  EXPECT_EQ(parse_task_type("seal/v0/commit/2"), TaskType::Commit2);
  EXPECT_EQ(parse_task_type("seal/v0/bogus"), std::nullopt);
  EXPECT_EQ(task_type_info(TaskType::Finalize).order, -2);
  EXPECT_EQ(task_type_info(TaskType::AddPiece).order, 6);
  for (const auto& info : all_task_types()) {
    EXPECT_EQ(parse_task_type(info.short_name), info.type);
    EXPECT_EQ(parse_task_type(info.id), info.type);
  }
}

}  // namespace
}  // namespace sealsim::sealing
