// poseidon_tree.cpp: Poseidon merkle trees, compound roots, column hashes and comm_r (spec
// proofs.md §7.2-7.5).
#include "model/poseidon_tree.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

void check_arity(const PoseidonHasher& hasher, std::size_t expected, const char* what) {
  if (hasher.arity() != expected) {
    throw ModelError(std::string(what) + " needs a Poseidon hasher of arity " +
                     std::to_string(expected) + ", got arity " + std::to_string(hasher.arity()));
  }
}

// Hashes one row into the next: next[i] = H(row[arity·i .. arity·i + arity - 1]).
void hash_row(std::span<const Node32> row, const PoseidonHasher& hasher, std::span<Node32> next) {
  const std::size_t arity = hasher.arity();
  for (std::size_t i = 0; i < next.size(); ++i) {
    next[i] = hasher.hash_nodes(row.subspan(i * arity, arity));
  }
}

}  // namespace

std::size_t poseidon_tree_node_count(std::size_t leaf_count, unsigned arity) {
  if (arity < 2) {
    throw ModelError("a merkle tree needs arity >= 2, got " + std::to_string(arity));
  }
  std::size_t total = leaf_count;
  std::size_t row = leaf_count;
  while (row > 1 && row % arity == 0) {
    row /= arity;
    total += row;
  }
  if (leaf_count < arity || row != 1) {
    throw ModelError("a complete arity-" + std::to_string(arity) + " tree needs a power of " +
                     std::to_string(arity) + " leaves (at least " + std::to_string(arity) +
                     "), got " + std::to_string(leaf_count));
  }
  return total;
}

std::vector<Node32> build_tree_levels(std::span<const Node32> leaves, const PoseidonHasher& hasher) {
  const std::size_t arity = hasher.arity();
  std::vector<Node32> nodes(poseidon_tree_node_count(leaves.size(), hasher.arity()));
  std::copy(leaves.begin(), leaves.end(), nodes.begin());
  std::size_t row_start = 0;
  std::size_t row_size = leaves.size();
  while (row_size > 1) {
    const std::span<const Node32> row(nodes.data() + row_start, row_size);
    const std::span<Node32> next(nodes.data() + row_start + row_size, row_size / arity);
    hash_row(row, hasher, next);
    row_start += row_size;
    row_size /= arity;
  }
  return nodes;
}

Node32 tree_root(std::span<const Node32> leaves, const PoseidonHasher& hasher) {
  poseidon_tree_node_count(leaves.size(), hasher.arity());  // validates the leaf count
  const std::size_t arity = hasher.arity();
  std::vector<Node32> row(leaves.size() / arity);
  hash_row(leaves, hasher, row);
  while (row.size() > 1) {
    // In place: node i of the next row only reads nodes arity·i.. >= i of this one.
    const std::size_t next_size = row.size() / arity;
    for (std::size_t i = 0; i < next_size; ++i) {
      row[i] = hasher.hash_nodes(std::span<const Node32>(row).subspan(i * arity, arity));
    }
    row.resize(next_size);
  }
  return row.front();
}

const PoseidonHasher& PoseidonTreeHashers::for_arity(unsigned arity) const {
  switch (arity) {
    case 2: return h2;
    case 8: return h8;
    default:
      throw ModelError("sealing trees use Poseidon arity 2 or 8 for tree levels, got " +
                       std::to_string(arity));
  }
}

Node32 compound_tree_root(std::span<const Node32> base_roots, const TreeShape& shape,
                          const PoseidonTreeHashers& hashers) {
  if (base_roots.size() != shape.base_tree_count) {
    throw ModelError("compound tree root needs " + std::to_string(shape.base_tree_count) +
                     " base-tree roots, got " + std::to_string(base_roots.size()));
  }
  if (shape.sub_arity == 0) {
    if (shape.base_tree_count != 1) {
      throw ModelError("a tree shape without sub arity must have one base tree, not " +
                       std::to_string(shape.base_tree_count));
    }
    return base_roots.front();
  }
  const std::size_t top_arity = shape.top_arity == 0 ? 1 : shape.top_arity;
  if (base_roots.size() != shape.sub_arity * top_arity) {
    throw ModelError("tree shape " + std::to_string(shape.base_arity) + "/" +
                     std::to_string(shape.sub_arity) + "/" + std::to_string(shape.top_arity) +
                     " is inconsistent with " + std::to_string(shape.base_tree_count) +
                     " base trees");
  }
  const PoseidonHasher& sub_hasher = hashers.for_arity(shape.sub_arity);
  std::vector<Node32> sub_roots(top_arity);
  hash_row(base_roots, sub_hasher, sub_roots);
  if (shape.top_arity == 0) {
    return sub_roots.front();
  }
  return hashers.for_arity(shape.top_arity).hash_nodes(sub_roots);
}

Node32 column_hash(std::span<const Node32> column, const PoseidonHasher& hasher) {
  check_arity(hasher, column.size(), "a column hash");
  return hasher.hash_nodes(column);
}

std::vector<Node32> column_hashes(std::span<const std::vector<Node32>> layers,
                                  const PoseidonHasher& hasher) {
  check_arity(hasher, layers.size(), "column hashes");
  const std::size_t nodes = layers.front().size();
  for (std::size_t layer = 1; layer < layers.size(); ++layer) {
    if (layers[layer].size() != nodes) {
      throw ModelError("column hashes need equal layers: layer 1 has " + std::to_string(nodes) +
                       " nodes, layer " + std::to_string(layer + 1) + " has " +
                       std::to_string(layers[layer].size()));
    }
  }
  std::vector<Node32> hashes(nodes);
  std::vector<Node32> column(layers.size());
  for (std::size_t v = 0; v < nodes; ++v) {
    for (std::size_t layer = 0; layer < layers.size(); ++layer) {
      column[layer] = layers[layer][v];
    }
    hashes[v] = hasher.hash_nodes(column);
  }
  return hashes;
}

Node32 compute_comm_r(const Node32& comm_c, const Node32& comm_r_last, const PoseidonHasher& h2) {
  check_arity(h2, 2, "comm_r");
  const std::array<Node32, 2> children{comm_c, comm_r_last};
  return h2.hash_nodes(children);
}

}  // namespace sealsim
