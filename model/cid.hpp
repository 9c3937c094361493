// cid.hpp: CIDv1 of Filecoin commitments (spec proofs.md §2.4): binary form
// varint(1) ‖ varint(codec) ‖ varint(multihash) ‖ varint(32) ‖ digest, string form base32 multibase.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/bytes.hpp"

namespace sealsim {

enum class CommitmentKind {
  Unsealed,  // CommP / CommD: codec fil-commitment-unsealed, multihash sha2-256-trunc254-padded
  Sealed,    // CommR: codec fil-commitment-sealed, multihash poseidon-bls12_381-a2-fc1
};

namespace multicodec {
inline constexpr std::uint64_t kCidV1 = 1;
inline constexpr std::uint64_t kFilCommitmentUnsealed = 0xf101;
inline constexpr std::uint64_t kFilCommitmentSealed = 0xf102;
inline constexpr std::uint64_t kSha2_256Trunc254Padded = 0x1012;
inline constexpr std::uint64_t kPoseidonBls12_381A2Fc1 = 0xb401;
}  // namespace multicodec

// A decoded CIDv1 with a 32-byte-or-other digest; only commitment CIDs are produced by sealsim,
// but any well-formed CIDv1 decodes so errors can say what was found.
struct Cid {
  std::uint64_t codec = 0;
  std::uint64_t multihash_code = 0;
  Bytes digest;

  Bytes to_bytes() const;
  std::string to_string() const;  // "b" + base32 lower-case, no padding

  friend bool operator==(const Cid&, const Cid&) = default;
};

// Throws ModelError naming the string and what is wrong (multibase prefix, alphabet, varints,
// version, trailing bytes).
Cid parse_cid(std::string_view text);
Cid cid_from_bytes(ByteSpan bytes);

Cid commitment_to_cid(CommitmentKind kind, const Node32& commitment);
// Checks codec/hash pairing as go-fil-commcid does: "unexpected commitment codec",
// "incorrect hashing function for data commitment", "commitments must be 32 bytes long".
Node32 cid_to_commitment(CommitmentKind kind, const Cid& cid);
// parse_cid + cid_to_commitment, with the input string in every message.
Node32 parse_commitment_cid(CommitmentKind kind, std::string_view text);

// RFC 4648 base32, lower-case alphabet a-z2-7, no padding (the multibase 'b' body).
std::string base32_encode(ByteSpan bytes);
Bytes base32_decode(std::string_view text);  // throws ModelError on bad characters / trailing bits

}  // namespace sealsim
