// data_commitment.cpp: CommD by the stack algorithm of rust compute_comm_d.
#include "chain-mock/data_commitment.hpp"

#include <bit>
#include <vector>

#include "chain-mock/chain_error.hpp"
#include "chain-mock/randomness.hpp"

namespace sealsim::chain {
namespace {

struct StackEntry {
  Node32 comm;
  std::uint64_t size;
};

void reduce(std::vector<StackEntry>& stack) {
  while (stack.size() >= 2 && stack[stack.size() - 1].size == stack[stack.size() - 2].size) {
    StackEntry right = stack.back();
    stack.pop_back();
    StackEntry left = stack.back();
    stack.pop_back();
    stack.push_back({piece_node(left.comm, right.comm), left.size * 2});
  }
}

void push(std::vector<StackEntry>& stack, const StackEntry& entry) {
  stack.push_back(entry);
  reduce(stack);
}

}  // namespace

Node32 piece_node(const Node32& left, const Node32& right) {
  Bytes both(left.begin(), left.end());
  both.insert(both.end(), right.begin(), right.end());
  Node32 out = sha256(both);
  out[31] &= 0x3f;
  return out;
}

Node32 zero_piece_commitment(std::uint64_t padded_size) {
  if (padded_size < 32 || !std::has_single_bit(padded_size)) {
    throw ChainError(ChainErrorKind::InvalidArgument,
                     "zero piece size must be a power of two >= 32, got " + std::to_string(padded_size));
  }
  Node32 node{};
  for (std::uint64_t size = 32; size < padded_size; size *= 2) node = piece_node(node, node);
  return node;
}

Node32 unsealed_sector_commitment(std::uint64_t sector_size, std::span<const PieceInfo> pieces) {
  if (pieces.empty()) return zero_piece_commitment(sector_size);
  std::vector<StackEntry> placed;  // pieces with Lotus's padding pieces inserted
  std::uint64_t offset = 0;
  auto pad_to = [&](std::uint64_t alignment) {
    std::uint64_t to_fill = (0 - offset) % alignment;
    for (std::uint64_t bit = 1; to_fill != 0; bit <<= 1) {
      if ((to_fill & bit) != 0) {
        placed.push_back({zero_piece_commitment(bit), bit});
        offset += bit;
        to_fill &= ~bit;
      }
    }
  };
  for (const PieceInfo& piece : pieces) {
    std::uint64_t size = piece.size.bytes();
    if (size < 128 || !std::has_single_bit(size)) {
      throw ChainError(ChainErrorKind::InvalidArgument,
                       "piece size " + std::to_string(size) + " must be a power of 2 >= 128");
    }
    pad_to(size);
    placed.push_back({piece.commitment, size});
    offset += size;
  }
  if (offset > sector_size) {
    throw ChainError(ChainErrorKind::InvalidArgument, "pieces (" + std::to_string(offset) +
                                                           " bytes) are larger than the sector (" +
                                                           std::to_string(sector_size) + ")");
  }
  pad_to(sector_size);
  std::vector<StackEntry> stack;
  push(stack, placed.front());
  for (std::size_t i = 1; i < placed.size(); ++i) {
    while (stack.back().size < placed[i].size) push(stack, {zero_piece_commitment(stack.back().size), stack.back().size});
    push(stack, placed[i]);
  }
  while (stack.size() > 1) push(stack, {zero_piece_commitment(stack.back().size), stack.back().size});
  return stack.front().comm;
}

}  // namespace sealsim::chain
