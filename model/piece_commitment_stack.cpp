// piece_commitment_stack.cpp: shift-reduce over subtree roots with zero-subtree padding.
#include "model/piece_commitment_stack.hpp"

#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim {

void PieceCommitmentStack::push(const SubtreeRoot& subtree) {
  while (!entries_.empty() && entries_.back().level < subtree.level) {
    const unsigned level = entries_.back().level;
    shift_reduce(SubtreeRoot{zero_commitment(level), level});
  }
  shift_reduce(subtree);
}

SubtreeRoot PieceCommitmentStack::finish() {
  if (entries_.empty()) throw ModelError("piece commitment stack: nothing was pushed");
  while (entries_.size() > 1) {
    const unsigned level = entries_.back().level;
    shift_reduce(SubtreeRoot{zero_commitment(level), level});
  }
  SubtreeRoot result = entries_.back();
  entries_.clear();
  return result;
}

void PieceCommitmentStack::shift_reduce(const SubtreeRoot& subtree) {
  entries_.push_back(subtree);
  while (entries_.size() >= 2 && entries_[entries_.size() - 2].level == entries_.back().level) {
    const SubtreeRoot right = entries_.back();
    entries_.pop_back();
    SubtreeRoot& left = entries_.back();
    left.root = hash_node_pair(left.root, right.root);
    left.level += 1;
  }
}

}  // namespace sealsim
