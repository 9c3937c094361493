// byte_generator.hpp: byte-string inputs of vector files: a hex string, or a described
// deterministic generator for inputs too large to write out (repeat, counter, ascii,
// go-math-rand, concat).
#pragma once

#include <cstdint>

#include "model/bytes.hpp"
#include "vectors/json_cursor.hpp"

namespace sealsim::vectors {

// Generated inputs larger than this are rejected as a vector-file error (a typo guard).
inline constexpr std::uint64_t kMaxGeneratedBytes = std::uint64_t{1} << 30;

// Forms (see vectors/README.md):
//   "0a1b..."                                              hex
//   {"generator":"repeat","byte":"cc","length":N}          N copies of one byte
//   {"generator":"counter","start":S,"length":N}           bytes (S+i) mod 256
//   {"generator":"ascii","text":"..."}                     the text's bytes (ASCII only)
//   {"generator":"go-math-rand","seed":S,"length":N}       jbenet/go-random `random N S`
//   {"generator":"concat","parts":[<form>, ...]}           concatenation
// Throws VectorFileError naming the file and JSON path of the bad part.
Bytes generate_bytes(const JsonCursor& spec);
// The same checks without generating: the length generate_bytes would return.
std::uint64_t check_generated_bytes(const JsonCursor& spec);

}  // namespace sealsim::vectors
