// zero_commitment_test.cpp: derived zero commitments against the published table V-ZERO (levels
// 0..31, with piece CIDs) and their piece-size interface.
#include "model/zero_commitment.hpp"

#include <gtest/gtest.h>

#include "model/cid.hpp"
#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {
namespace {

struct ZeroRow {
  unsigned level;
  std::uint64_t bytes;
  const char* hex;
  const char* piece_cid;  // empty below the minimum piece size
};

// vectors-published.md §3 V-ZERO (cross-checked there against go-commp-utils, supra_seal,
// rust-fil-proofs and go-fil-commcid).
constexpr ZeroRow kPublished[] = {
    {0, 32ULL, "0000000000000000000000000000000000000000000000000000000000000000", ""},
    {1, 64ULL, "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b", ""},
    {2, 128ULL, "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333",
     "baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy"},
    {3, 256ULL, "642a607ef886b004bf2c1978463ae1d4693ac0f410eb2d1b7a47fe205e5e750f",
     "baga6ea4seaqgiktap34inmaex4wbs6cghlq5i2j2yd2bb2zndn5ep7ralzphkdy"},
    {4, 512ULL, "57a2381a28652bf47f6bef7aca679be4aede5871ab5cf3eb2c08114488cb8526",
     "baga6ea4seaqfpirydiugkk7up5v666wkm6n6jlw6lby2wxht5mwaqekerdfykjq"},
    {5, 1024ULL, "1f7ac9595510e09ea41c460b176430bb322cd6fb412ec57cb17d989a4310372f",
     "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly"},
    {6, 2048ULL, "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833",
     "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy"},
    {7, 4096ULL, "08c47b38ee13bc43f41b915c0eed9911a26086b3ed62401bf9d58b8d19dff624",
     "baga6ea4seaqarrd3hdxbhpcd6qnzcxao5wmrditaq2z62ysadp45lc4ndhp7mja"},
    {8, 8192ULL, "b2e47bfb11facd941f62af5c750f3ea5cc4df517d5c4f16db2b4d77baec1a32f",
     "baga6ea4seaqlfzd37mi7vtmud5rk6xdvb47kltcn6ul5lrhrnwzljv33v3a2gly"},
    {9, 16384ULL, "f9226160c8f927bfdcc418cdf203493146008eaefb7d02194d5e548189005108",
     "baga6ea4seaqpsitbmdepsj573tcbrtpsanetcrqar2xpw7icdfgv4vebreafcca"},
    {10, 32768ULL, "2c1a964bb90b59ebfe0f6da29ad65ae3e417724a8f7c11745a40cac1e5e74011",
     "baga6ea4seaqcyguwjo4qwwpl7yhw3iu22znohzaxojfi67arornebswb4xtuaei"},
    {11, 65536ULL, "fee378cef16404b199ede0b13e11b624ff9d784fbbed878d83297e795e024f02",
     "baga6ea4seaqp5y3yz3ywibfrthw6bmj6cg3cj745pbh3x3mhrwbss7tzlybe6aq"},
    {12, 131072ULL, "8e9e2403fa884cf6237f60df25f83ee40dca9ed879eb6f6352d15084f5ad0d3f",
     "baga6ea4seaqi5hreap5iqthwen7wbxzf7a7oidokt3mht23pmnjncuee6wwq2py"},
    {13, 262144ULL, "752d9693fa167524395476e317a98580f00947afb7a30540d625a9291cc12a07",
     "baga6ea4seaqhklmwsp5bm5jehfkhnyyxvgcyb4aji6x3piyfidlclkjjdtasuby"},
    {14, 524288ULL, "7022f60f7ef6adfa17117a52619e30cea82c68075adf1c667786ec506eef2d19",
     "baga6ea4seaqhaixwb57pnlp2c4ixuutbtyym5kbmnadvvxy4mz3yn3cqn3xs2gi"},
    {15, 1048576ULL, "d99887b973573a96e11393645236c17b1f4c7034d723c7a99f709bb4da61162b",
     "baga6ea4seaqntgehxfzvoouw4ejzgzcsg3axwh2moa2noi6hvgpxbg5u3jqrmky"},
    {16, 2097152ULL, "d0b530dbb0b4f25c5d2f2a28dfee808b53412a02931f18c499f5a254086b1326",
     "baga6ea4seaqnbnjq3oylj4s4luxsukg752aiwu2bfibjghyyysm7lisubbvrgjq"},
    {17, 4194304ULL, "84c0421ba0685a01bf795a2344064fe424bd52a9d24377b394ff4c4b4568e811",
     "baga6ea4seaqijqccdoqgqwqbx54vui2eazh6ijf5kku5eq3xwokp6tclivuoqei"},
    {18, 8388608ULL, "65f29e5d98d246c38b388cfc06db1f6b021303c5a289000bdce832a9c3ec421c",
     "baga6ea4seaqgl4u6lwmnerwdrm4iz7ag3mpwwaqtapc2fciabpooqmvjypweeha"},
    {19, 16777216ULL, "a2247508285850965b7e334b3127b0c042b1d046dc54402137627cd8799ce13a",
     "baga6ea4seaqkejdvbaufquewln7dgszre6ymaqvr2bdnyvcaee3we7gypgoocoq"},
    {20, 33554432ULL, "dafdab6da9364453c26d33726b9fefe343be8f81649ec009aad3faff50617508",
     "baga6ea4seaqnv7nlnwutmrctyjwtg4tlt7x6gq56r6awjhwabgvnh6x7kbqxkca"},
    {21, 67108864ULL, "d941d5e0d6314a995c33ffbd4fbe69118d73d4e5fd2cd31f0f7c86ebdd14e706",
     "baga6ea4seaqnsqov4dldcsuzlqz77pkpxzurddlt2ts72lgtd4hxzbxl3ukoobq"},
    {22, 134217728ULL, "514c435c3d04d349a5365fbd59ffc713629111785991c1a3c53af22079741a2f",
     "baga6ea4seaqfctcdlq6qju2juu3f7pkz77drgyurcf4fteobupctv4rapf2buly"},
    {23, 268435456ULL, "ad06853969d37d34ff08e09f56930a4ad19a89def60cbfee7e1d3381c1e71c37",
     "baga6ea4seaqk2bufhfu5g7ju74eobh2wsmfevum2rhppmdf75z7b2m4byhtryny"},
    {24, 536870912ULL, "39560e7b13a93b07a243fd2720ffa7cb3e1d2e505ab3629e79f46313512cda06",
     "baga6ea4seaqdsvqopmj2soyhujb72jza76t4wpq5fzifvm3ctz47iyytkewnubq"},
    {25, 1073741824ULL, "ccc3c012f5b05e811a2bbfdd0f6833b84275b47bf229c0052a82484f3c1a5b3d",
     "baga6ea4seaqmzq6acl23axubdiv37xipnaz3qqtvwr57ekoaauviescphqnfwpi"},
    {26, 2147483648ULL, "7df29b69773199e8f2b40b77919d048509eed768e2c7297b1f1437034fc3c62c",
     "baga6ea4seaqh34u3nf3tdgpi6k2aw54rtucikcpo25uofrzjpmprinydj7b4mla"},
    {27, 4294967296ULL, "66ce05a3667552cf45c02bcc4e8392919bdeac35de2ff56271848e9f7b675107",
     "baga6ea4seaqgntqfunthkuwpixacxtcoqojjdg66vq254l7vmjyyjdu7pntvcby"},
    {28, 8589934592ULL, "d8610218425ab5e95b1ca6239d29a2e420d706a96f373e2f9c9a91d759d19b01",
     "baga6ea4seaqnqyicdbbfvnpjlmokmi45fgroiigxa2uw6nz6f6ojveoxlhizwai"},
    {29, 17179869184ULL, "6d364b1ef846441a5a4a68862314acc0a46f016717e53443e839eedf83c2853c",
     "baga6ea4seaqg2nsld34emra2ljfgrbrdcswmbjdpaftrpzjuipudt3w7qpbikpa"},
    {30, 34359738368ULL, "077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e",
     "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq"},
    {31, 68719476736ULL, "e64005a6bfe3777953b8ad6ef93f0fca1049b2041654f2a411f7702799cece02",
     "baga6ea4seaqomqafu276g53zko4k23xzh4h4uecjwicbmvhsuqi7o4bhthhm4aq"},
};

TEST(ZeroCommitment, MatchesPublishedTable) {
  for (const ZeroRow& row : kPublished) {
    EXPECT_EQ(to_hex(zero_commitment(row.level)), row.hex) << "level " << row.level;
    EXPECT_EQ(std::uint64_t{32} << row.level, row.bytes);
    if (row.piece_cid[0] == '\0') continue;
    const PaddedPieceSize size(row.bytes);
    const Node32 commitment = zero_piece_commitment(size);
    EXPECT_EQ(commitment_to_cid(CommitmentKind::Unsealed, commitment).to_string(), row.piece_cid)
        << "level " << row.level;
    EXPECT_EQ(parse_commitment_cid(CommitmentKind::Unsealed, row.piece_cid), commitment);
  }
}

TEST(ZeroCommitment, LevelsChainByHashing) {
  // Derivation rule of §2.2 checked through the public node hash.
  for (unsigned level = 0; level < kMaxZeroCommitmentLevel; ++level) {
    const Node32 below = zero_commitment(level);
    ASSERT_EQ(hash_node_pair(below, below), zero_commitment(level + 1)) << level;
  }
}

TEST(ZeroCommitment, RejectsInvalidSizesAndLevels) {
  EXPECT_THROW(zero_piece_commitment(PaddedPieceSize(64)), ModelError);
  EXPECT_THROW(zero_piece_commitment(PaddedPieceSize(3 * 128)), ModelError);
  EXPECT_THROW(zero_commitment(kMaxZeroCommitmentLevel + 1), ModelError);
  EXPECT_NO_THROW(zero_piece_commitment(PaddedPieceSize(std::uint64_t{1} << 63)));
}

}  // namespace
}  // namespace sealsim
