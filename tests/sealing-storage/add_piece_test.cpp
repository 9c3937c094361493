// add_piece_test.cpp: AddPiece with real data into 2 KiB and 8 MiB sectors, driven as Lotus's
// handleAddPiece and Packing do (padding pieces before each deal, fillers at the end): the
// unsealed file holds fr32 of each piece at its offset and zeros elsewhere, the chunked piece
// commitments equal the one-shot CommP, and CommD of the returned piece list equals the tree root
// over the unsealed file's bytes. Storage faults surface as typed errors.
#include "sealing/storage/unsealed_piece_writer.hpp"

#include <gtest/gtest.h>

#include "model/deterministic_rng.hpp"
#include "model/fr32.hpp"
#include "model/piece_commitment.hpp"
#include "model/piece_padding.hpp"
#include "model/unsealed_commitment.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim::sealing {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

Bytes random_bytes(std::uint64_t size, std::uint64_t seed) {
  Bytes bytes(size);
  DeterministicRng(seed).fill(bytes);
  return bytes;
}

struct PackedSector {
  std::vector<PieceInfo> pieces;  // every piece AddPiece returned, in order
  StoragePathId path = 0;
};

// handleAddPiece: required padding pieces (zeros) before each deal, then the deal; then Packing's
// fillers up to the sector size.
PackedSector pack(StorageIndex& index, const ProofSectorRef& sector, const std::vector<Bytes>& deals) {
  PackedSector packed;
  std::vector<UnpaddedPieceSize> existing;
  std::uint64_t offset = 0;
  auto add = [&](const Bytes& data) {
    const UnpaddedPieceSize size(data.size());
    const AddedPiece added = add_piece_to_unsealed(index, sector, existing, size, data);
    packed.pieces.push_back(added.piece);
    packed.path = added.path;
    existing.push_back(size);
    offset += data.size();
  };
  for (const Bytes& deal : deals) {
    const PaddingPieces pads = required_padding(UnpaddedPieceSize(offset).padded(),
                                                UnpaddedPieceSize(deal.size()).padded());
    for (PaddedPieceSize pad : pads.pieces) add(Bytes(pad.unpadded().bytes(), 0));
    add(deal);
  }
  const std::uint64_t unpadded_sector = seal_proof_info(sector.proof).unpadded_sector_size();
  for (UnpaddedPieceSize filler : fillers_from_remaining(UnpaddedPieceSize(unpadded_sector - offset))) {
    add(Bytes(filler.bytes(), 0));
  }
  return packed;
}

void check_sector(RegisteredSealProof proof, const std::vector<Bytes>& deals,
                  const std::vector<std::uint64_t>& deal_offsets_padded) {
  InMemorySectorFileContent content;
  StorageIndex index(&content);
  index.add_path({"sealing", 64 * kMiB, true, false, std::nullopt});
  const ProofSectorRef sector{SectorId{1000, 5}, proof};
  const PackedSector packed = pack(index, sector, deals);
  const std::uint64_t sector_size = seal_proof_info(proof).sector_size;

  // The unsealed file: fr32 of each deal at its padded offset, zeros elsewhere.
  const auto file = content.read_all(SectorFileKey{sector.id, SectorFileType::Unsealed, packed.path});
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->size(), sector_size);
  Bytes expected(sector_size, 0);
  for (std::size_t i = 0; i < deals.size(); ++i) {
    const Bytes padded = fr32::pad(deals[i]);
    std::copy(padded.begin(), padded.end(),
              expected.begin() + static_cast<std::ptrdiff_t>(deal_offsets_padded[i]));
  }
  EXPECT_TRUE(*file == expected);

  // Each deal's commitment is its CommP; padding pieces are zero pieces.
  std::size_t deal_index = 0;
  for (const PieceInfo& piece : packed.pieces) {
    if (deal_index < deals.size() && piece.size == UnpaddedPieceSize(deals[deal_index].size()).padded() &&
        piece.commitment != zero_piece_commitment(piece.size)) {
      EXPECT_EQ(piece.commitment, compute_piece_commitment(deals[deal_index]).commitment);
      ++deal_index;
    } else {
      EXPECT_EQ(piece.commitment, zero_piece_commitment(piece.size));
    }
  }
  EXPECT_EQ(deal_index, deals.size());

  // CommD of the piece list = root of the tree over the unsealed bytes.
  const Node32 comm_d = generate_unsealed_commitment(proof, packed.pieces);
  EXPECT_EQ(comm_d, padded_tree_root(*file));
  index.check_invariants();
  EXPECT_EQ(index.path(packed.path).used, sector_size);
  EXPECT_EQ(index.path(packed.path).reserved, 0u);
}

TEST(AddPiece, TwoKiBSectorWithPaddingPieces) {
  // 127 bytes (128 padded) at 0; padding 128 + 256; 508 bytes (512 padded) at 512; filler 1024.
  check_sector(RegisteredSealProof::StackedDrg2KiBV1_1, {random_bytes(127, 1), random_bytes(508, 2)},
               {0, 512});
}

TEST(AddPiece, EightMiBSectorWithPaddingPieces) {
  // 1 MiB padded at 0; padding 1 MiB + 2 MiB; 4 MiB padded (one whole chunk) at 4 MiB.
  check_sector(RegisteredSealProof::StackedDrg8MiBV1_1,
               {random_bytes(PaddedPieceSize(kMiB).unpadded().bytes(), 3),
                random_bytes(PaddedPieceSize(4 * kMiB).unpadded().bytes(), 4)},
               {0, 4 * kMiB});
}

TEST(AddPiece, FullEightMiBPieceIsCommittedInTwoChunksCombined) {
  const Bytes data = random_bytes(PaddedPieceSize(8 * kMiB).unpadded().bytes(), 5);
  const Node32 chunked = chunked_piece_commitment(8 * kMiB, UnpaddedPieceSize(data.size()), data);
  EXPECT_EQ(chunked, compute_piece_commitment(data).commitment);
  check_sector(RegisteredSealProof::StackedDrg8MiBV1_1, {data}, {0});
}

TEST(AddPiece, StorageFaultsAndSizeErrors) {
  InMemorySectorFileContent content;
  StorageIndex index(&content);
  const auto sealing = index.add_path({"sealing", 1024, true, false, std::nullopt});
  const ProofSectorRef sector{SectorId{1000, 6}, RegisteredSealProof::StackedDrg2KiBV1_1};
  try {
    add_piece_to_unsealed(index, sector, {}, UnpaddedPieceSize(127), Bytes(127, 1));
    FAIL() << "expected PathFull";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.kind(), StorageErrorKind::PathFull);
  }
  EXPECT_EQ(index.path(sealing).reserved, 0u);
  index.add_path({"bigger", 4096, true, false, std::nullopt});
  const AddedPiece first = add_piece_to_unsealed(index, sector, {}, UnpaddedPieceSize(127), Bytes(127, 1));
  const std::vector<UnpaddedPieceSize> existing{UnpaddedPieceSize(127)};
  try {
    add_piece_to_unsealed(index, sector, existing, UnpaddedPieceSize(2032), Bytes(2032, 0));
    FAIL() << "expected a size error";
  } catch (const ProofBackendError& error) {
    EXPECT_STREQ(error.what(),
                 "can't add 2032 byte piece to sector s-t01000-6 with 127 bytes of existing pieces");
  }
  EXPECT_THROW(add_piece_to_unsealed(index, sector, existing, UnpaddedPieceSize(127), Bytes(100, 0)),
               ProofBackendError);
  index.lose_file(sector.id, SectorFileType::Unsealed, first.path);
  try {
    add_piece_to_unsealed(index, sector, existing, UnpaddedPieceSize(127), Bytes(127, 0));
    FAIL() << "expected FileMissing";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.kind(), StorageErrorKind::FileMissing);
  }
}

}  // namespace
}  // namespace sealsim::sealing
