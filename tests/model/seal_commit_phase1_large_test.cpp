// seal_commit_phase1_large_test.cpp: every single-byte flip of the V-SEAL-1 sector's Commit1
// output fails verification (about 30,000 verifications: the large pass).
#include <gtest/gtest.h>

#include "tests/model/sealed_test_sector.hpp"

namespace sealsim {
namespace {

TEST(SealCommitPhase1Large, EveryFlippedByteFails) { expect_every_flip_fails(1); }

}  // namespace
}  // namespace sealsim
