#!/usr/bin/env python3
# commp_reference.py: independent reference for piece commitments (CommP) and unsealed sector
# commitments (CommD), written from spec proofs.md §1-§3 with the Python standard library only.
#
# It deliberately shares no code or structure with sealsim's C++ model: fr32 is done on whole
# 127-byte blocks as one 1016-bit integer (spec §1.1, "equivalently" form), the tree is built
# naively level by level, and zero subtrees come from the Z[k] recurrence (§2.2).
#
# Usage:
#   commp_reference.py commp FILE [--piece-size N]
#       prints {"file", "payloadSize", "paddedSize", "pieceCid", "commP"} as one JSON line
#   commp_reference.py commd --sector-size N PIECE_CID:PADDED_SIZE ...
#       Lotus v1.11 ffiwrapper.GenerateUnsealedCID (padding pieces, then the stack algorithm);
#       prints {"sectorSize", "unsealedCid", "commD"}
# Exit status 2 with a message on stderr for bad input.

import argparse
import base64
import hashlib
import json
import sys

NODE = 32
UNPADDED_BLOCK = 127
PADDED_BLOCK = 128
# Subtrees of this many padded bytes are hashed one at a time so memory stays bounded (1 MiB).
CHUNK_PADDED = 1 << 20
CHUNK_UNPADDED = CHUNK_PADDED // PADDED_BLOCK * UNPADDED_BLOCK
MASK254 = (1 << 254) - 1

CODEC_UNSEALED = 0xF101
MH_SHA256_TRUNC254_PADDED = 0x1012


class InputError(Exception):
    pass


def trunc_sha256(data):
    digest = bytearray(hashlib.sha256(data).digest())
    digest[31] &= 0x3F
    return bytes(digest)


def zero_commitments(levels):
    z = [bytes(NODE)]
    for _ in range(levels):
        z.append(trunc_sha256(z[-1] + z[-1]))
    return z


Z = zero_commitments(64)


def fr32_pad_block(block127):
    # Spec §1.1: the 127 bytes as a 1016-bit little-endian integer, four 254-bit units, each
    # placed at a 256-bit boundary.
    v = int.from_bytes(block127, "little")
    out = 0
    for k in range(4):
        out |= ((v >> (254 * k)) & MASK254) << (256 * k)
    return out.to_bytes(PADDED_BLOCK, "little")


def merkle_root(leaves):
    level = leaves
    while len(level) > 1:
        level = [trunc_sha256(level[i] + level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def root_of_unpadded(unpadded):
    # unpadded: a whole number of 127-byte blocks covering a power-of-two padded size.
    padded = b"".join(fr32_pad_block(unpadded[i:i + UNPADDED_BLOCK])
                      for i in range(0, len(unpadded), UNPADDED_BLOCK))
    return merkle_root([padded[i:i + NODE] for i in range(0, len(padded), NODE)])


def is_power_of_two(n):
    return n > 0 and n & (n - 1) == 0


def default_piece_size(payload):
    # go-padreader PaddedSize (spec §1.3), returned as the padded size.
    padded = PADDED_BLOCK
    while padded // PADDED_BLOCK * UNPADDED_BLOCK < payload:
        padded *= 2
    return padded


def log2(n):
    return n.bit_length() - 1


# --- CIDs (spec §2.4) ---------------------------------------------------------------------------

def varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def read_varint(data, pos):
    value, shift = 0, 0
    while True:
        if pos >= len(data):
            raise InputError("truncated varint")
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, pos
        if shift > 63:
            raise InputError("varint too long")


def piece_cid(commitment):
    raw = varint(1) + varint(CODEC_UNSEALED) + varint(MH_SHA256_TRUNC254_PADDED) + varint(32)
    return "b" + base64.b32encode(raw + commitment).decode().lower().rstrip("=")


def parse_piece_cid(text):
    if not text.startswith("b"):
        raise InputError(f"CID '{text}': expected multibase prefix 'b'")
    body = text[1:].upper()
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError as e:
        raise InputError(f"CID '{text}': bad base32 ({e})") from None
    version, pos = read_varint(raw, 0)
    codec, pos = read_varint(raw, pos)
    mh, pos = read_varint(raw, pos)
    length, pos = read_varint(raw, pos)
    if version != 1:
        raise InputError(f"CID '{text}': version {version}, expected 1")
    if codec != CODEC_UNSEALED:
        raise InputError(f"CID '{text}': unexpected commitment codec {codec:#x}")
    if mh != MH_SHA256_TRUNC254_PADDED:
        raise InputError(f"CID '{text}': incorrect hashing function for data commitment")
    if length != 32 or len(raw) - pos != 32:
        raise InputError(f"CID '{text}': commitments must be 32 bytes long")
    return raw[pos:]


# --- CommP ----------------------------------------------------------------------------------------

def commp_of_file(path, piece_size):
    try:
        f = open(path, "rb")
    except OSError as e:
        raise InputError(f"{path}: cannot open ({e.strerror})") from None
    capacity = None if piece_size is None else piece_size // PADDED_BLOCK * UNPADDED_BLOCK
    chunk_roots = []
    pending = None  # the last chunk read; hashed once we know whether the piece exceeds 1 MiB
    payload = 0
    with f:
        while True:
            try:
                chunk = f.read(CHUNK_UNPADDED)
            except OSError as e:
                raise InputError(f"{path}: cannot read ({e.strerror})") from None
            if not chunk:
                break
            payload += len(chunk)
            if capacity is not None and payload > capacity:
                raise InputError(f"{path}: payload does not fit --piece-size {piece_size}")
            if pending is not None:
                chunk_roots.append(root_of_unpadded(pending))
            pending = chunk
    if payload == 0:
        raise InputError(f"{path}: empty payload has no piece commitment")
    if piece_size is None:
        piece_size = default_piece_size(payload)

    if piece_size <= CHUNK_PADDED:
        capacity = piece_size // PADDED_BLOCK * UNPADDED_BLOCK
        root = root_of_unpadded(pending + bytes(capacity - len(pending)))
    else:
        chunk_roots.append(root_of_unpadded(pending + bytes(CHUNK_UNPADDED - len(pending))))
        # Naive: zero chunk roots up to the piece size, then reduce level by level.
        zero_chunk = Z[log2(CHUNK_PADDED) - 5]
        chunk_roots += [zero_chunk] * (piece_size // CHUNK_PADDED - len(chunk_roots))
        root = merkle_root(chunk_roots)
    return {"file": path, "payloadSize": payload, "paddedSize": piece_size,
            "pieceCid": piece_cid(root), "commP": root.hex()}


# --- CommD ----------------------------------------------------------------------------------------

def required_padding(old_length, new_length):
    # Lotus GetRequiredPadding (spec §3.2): one piece per set bit of (-old) mod new, ascending.
    to_fill = (-old_length) % new_length
    return [1 << b for b in range(64) if to_fill >> b & 1]


def stack_commitment(pieces):
    # Spec §3.1, entries (commitment, padded size).
    def reduce(stack):
        while len(stack) >= 2 and stack[-1][1] == stack[-2][1]:
            right = stack.pop()
            left = stack.pop()
            stack.append((trunc_sha256(left[0] + right[0]), 2 * left[1]))

    stack = [pieces[0]]
    for piece in pieces[1:]:
        while stack[-1][1] < piece[1]:
            stack.append((Z[log2(stack[-1][1]) - 5], stack[-1][1]))
            reduce(stack)
        stack.append(piece)
        reduce(stack)
    while len(stack) > 1:
        stack.append((Z[log2(stack[-1][1]) - 5], stack[-1][1]))
        reduce(stack)
    return stack[0]


def commd(sector_size, pieces):
    if not is_power_of_two(sector_size) or sector_size < PADDED_BLOCK:
        raise InputError(f"sector size {sector_size} is not a power of two >= 128")
    if not pieces:
        return Z[log2(sector_size) - 5]
    full = []
    total = 0
    for commitment, size in pieces:
        for pad in required_padding(total, size):
            full.append((Z[log2(pad) - 5], pad))
            total += pad
        full.append((commitment, size))
        total += size
    if total > sector_size:
        raise InputError(f"pieces need {total} bytes, more than the sector size {sector_size}")
    for pad in required_padding(total, sector_size):
        full.append((Z[log2(pad) - 5], pad))
        total += pad
    commitment, size = stack_commitment(full)
    assert size == sector_size
    return commitment


def parse_piece_arg(text):
    cid_text, sep, size_text = text.rpartition(":")
    if not sep:
        raise InputError(f"piece '{text}': expected PIECE_CID:PADDED_SIZE")
    try:
        size = int(size_text)
    except ValueError:
        raise InputError(f"piece '{text}': padded size '{size_text}' is not a number") from None
    if not is_power_of_two(size) or size < PADDED_BLOCK:
        raise InputError(f"piece '{text}': padded size {size} is not a power of two >= 128")
    return parse_piece_cid(cid_text), size


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("commp")
    p.add_argument("file")
    p.add_argument("--piece-size", type=int)
    d = sub.add_parser("commd")
    d.add_argument("--sector-size", type=int, required=True)
    d.add_argument("pieces", nargs="*")
    args = parser.parse_args(argv)
    try:
        if args.command == "commp":
            if args.piece_size is not None and (not is_power_of_two(args.piece_size)
                                                or args.piece_size < PADDED_BLOCK):
                raise InputError(f"--piece-size {args.piece_size} is not a power of two >= 128")
            print(json.dumps(commp_of_file(args.file, args.piece_size)))
        else:
            pieces = [parse_piece_arg(p) for p in args.pieces]
            c = commd(args.sector_size, pieces)
            print(json.dumps({"sectorSize": args.sector_size, "unsealedCid": piece_cid(c),
                              "commD": c.hex()}))
    except InputError as e:
        print(f"commp_reference: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
