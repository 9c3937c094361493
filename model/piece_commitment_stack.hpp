// piece_commitment_stack.hpp: the stack of subtree roots behind CommP streaming and CommD
// aggregation (rust compute_comm_d's Stack, spec proofs.md §3.1). It holds O(log n) entries.
#pragma once

#include <vector>

#include "model/bytes.hpp"

namespace sealsim {

// A subtree root and its level: the subtree covers 2^level leaves of 32 bytes.
struct SubtreeRoot {
  Node32 root;
  unsigned level;
};

class PieceCommitmentStack {
 public:
  // Appends the next subtree in data order. While the top entry is smaller than the new one, a
  // zero subtree of the top's size is appended first, so every subtree sits at a multiple of its
  // own size (rust: shift_reduce(zero_padding(top.size))). Equal neighbours are merged.
  void push(const SubtreeRoot& subtree);
  // Merges everything into one root, appending zero subtrees on the right as needed. The result
  // is the smallest complete tree holding the pushed subtrees. Requires a non-empty stack; leaves
  // the stack empty.
  SubtreeRoot finish();
  bool empty() const { return entries_.empty(); }

 private:
  void shift_reduce(const SubtreeRoot& subtree);

  std::vector<SubtreeRoot> entries_;  // strictly decreasing levels after every reduce
};

}  // namespace sealsim
