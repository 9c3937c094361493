#!/usr/bin/env python3
# commp_conformance.py: end-to-end checks of the sealsim program against the independent Python
# reference (tests/reference/commp_reference.py): `sealsim commp`, `sealsim commd`,
# `sealsim vectors run`, and the exit status / messages of bad input.
#
# Usage: commp_conformance.py --sealsim PATH GROUP
#   GROUP: commp        files of 1 .. 1 MiB + 3 bytes, default and larger --piece-size, several files
#          commp-1gib   one 1 GiB file (slow)
#          commd        random piece lists needing padding pieces, every sector size 2 KiB .. 64 GiB
#          bad-input    missing / unreadable files, bad --piece-size, bad CIDs, pieces not fitting
#          vectors-run  `sealsim vectors run` on the repository's vectors/ and on a malformed file
# Inputs come from Python's own seeded generator (random.Random with a fixed string seed), so every
# run checks the same data. Exit status 0 when every check passes, 1 otherwise.

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "reference"))
import commp_reference as reference  # noqa: E402

KIB, MIB, GIB = 1 << 10, 1 << 20, 1 << 30
SECTOR_PROOFS = [(2 * KIB, "StackedDrg2KiBV1_1"), (8 * MIB, "StackedDrg8MiBV1_1"),
                 (512 * MIB, "StackedDrg512MiBV1_1"), (32 * GIB, "StackedDrg32GiBV1_1"),
                 (64 * GIB, "StackedDrg64GiBV1_1")]


class Checks:
    def __init__(self):
        self.failures = 0
        self.count = 0

    def check(self, ok, what, detail=""):
        self.count += 1
        if ok:
            print(f"ok   {what}")
        else:
            self.failures += 1
            print(f"FAIL {what}: {detail}")


def run(cmd, timeout=900):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def write_file(path, length, seed):
    # Python's Mersenne Twister seeded from a string: the same bytes on every run and platform.
    rng = random.Random(seed)
    with open(path, "wb") as f:
        left = length
        while left:
            n = min(left, 64 * MIB)
            f.write(rng.randbytes(n))
            left -= n


def reference_commp(path, piece_size=None):
    return reference.commp_of_file(path, piece_size)


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def compare_commp(checks, sealsim, paths, piece_size=None):
    cmd = [sealsim, "commp", "--json"]
    if piece_size is not None:
        cmd += ["--piece-size", str(piece_size)]
    result = run(cmd + paths)
    what = f"commp {' '.join(os.path.basename(p) for p in paths)}" + (
        f" --piece-size {piece_size}" if piece_size else "")
    if result.returncode != 0:
        checks.check(False, what, f"exit {result.returncode}: {result.stderr.strip()}")
        return
    try:
        got = json_lines(result.stdout)
    except json.JSONDecodeError as e:
        checks.check(False, what, f"output is not JSON lines ({e}): {result.stdout[:200]!r}")
        return
    want = [reference_commp(p, piece_size) for p in paths]
    checks.check(got == want, what, f"sealsim {got} != reference {want}")


def group_commp(checks, sealsim, work):
    lengths = [1, 126, 127, 128, 253, 254, 1016, MIB + 3]
    paths = []
    for n in lengths:
        path = os.path.join(work, f"payload-{n}.bin")
        write_file(path, n, f"sealsim-commp-{n}")
        paths.append(path)
        compare_commp(checks, sealsim, [path])
    compare_commp(checks, sealsim, paths[:4])  # several files in one call, one line each
    compare_commp(checks, sealsim, [paths[2]], piece_size=2048)
    compare_commp(checks, sealsim, [paths[6]], piece_size=1024)  # exactly the needed size
    compare_commp(checks, sealsim, [paths[7]], piece_size=4 * MIB)


def group_commp_1gib(checks, sealsim, work):
    path = os.path.join(work, "payload-1gib.bin")
    write_file(path, GIB, "sealsim-commp-1gib")
    compare_commp(checks, sealsim, [path])


def random_pieces(rng, sector_size):
    # Pieces in a random size order so that Lotus must insert padding pieces, added while they
    # still fit after their padding.
    pieces, offset = [], 0
    max_log = min(sector_size.bit_length() - 2, 34)
    for _ in range(rng.randint(1, 12)):
        size = 1 << rng.randint(7, max_log)
        pads = sum(reference.required_padding(offset, size))
        if offset + pads + size > sector_size:
            continue
        commitment = bytearray(rng.randbytes(32))
        commitment[31] &= 0x3F
        pieces.append((bytes(commitment), size))
        offset += pads + size
    return pieces


def group_commd(checks, sealsim, work):
    for sector_size, proof in SECTOR_PROOFS:
        for trial in range(4):
            rng = random.Random(f"sealsim-commd-{sector_size}-{trial}")
            pieces = random_pieces(rng, sector_size)
            offset, padding_needed = 0, False
            for _, size in pieces:
                pads = reference.required_padding(offset, size)
                padding_needed = padding_needed or bool(pads)
                offset += sum(pads) + size
            args = [f"{reference.piece_cid(c)}:{s}" for c, s in pieces]
            want = reference.commd(sector_size, pieces)
            what = f"commd {proof} trial {trial} ({len(pieces)} pieces" + (
                ", padding between pieces)" if padding_needed else ")")
            result = run([sealsim, "commd", "--json", "--proof", proof] + args)
            if result.returncode != 0:
                checks.check(False, what, f"exit {result.returncode}: {result.stderr.strip()}")
                continue
            try:
                got = json.loads(result.stdout)
            except json.JSONDecodeError as e:
                checks.check(False, what, f"output is not JSON ({e}): {result.stdout[:200]!r}")
                continue
            expected = {"proof": proof, "unsealedCid": reference.piece_cid(want), "commD": want.hex()}
            checks.check(got == expected, what, f"sealsim {got} != reference {expected}")


def expect_bad_input(checks, what, cmd, must_name):
    result = run(cmd, timeout=60)
    problems = []
    if result.returncode != 2:
        problems.append(f"exit {result.returncode}, expected 2")
    if must_name not in result.stderr:
        problems.append(f"message does not name {must_name!r}")
    for crash in ("terminate called", "Aborted", "Segmentation", "what():"):
        if crash in result.stderr:
            problems.append(f"crash marker {crash!r}")
    checks.check(not problems, what, "; ".join(problems) + f"; stderr: {result.stderr.strip()!r}")


def group_bad_input(checks, sealsim, work):
    missing = os.path.join(work, "no-such-file.bin")
    expect_bad_input(checks, "commp of a missing file", [sealsim, "commp", missing], missing)
    directory = os.path.join(work, "a-directory")
    os.mkdir(directory)
    expect_bad_input(checks, "commp of a directory (unreadable as a file)",
                     [sealsim, "commp", directory], directory)
    if os.geteuid() != 0:  # root reads mode-000 files, so the check only means something as a user
        locked = os.path.join(work, "locked.bin")
        write_file(locked, 100, "locked")
        os.chmod(locked, 0)
        expect_bad_input(checks, "commp of a file without read permission",
                         [sealsim, "commp", locked], locked)
    empty = os.path.join(work, "empty.bin")
    open(empty, "wb").close()
    expect_bad_input(checks, "commp of an empty file", [sealsim, "commp", empty], empty)
    payload = os.path.join(work, "payload-1016.bin")
    write_file(payload, 1016, "sealsim-bad-1016")
    expect_bad_input(checks, "commp --piece-size not a power of two",
                     [sealsim, "commp", "--piece-size", "1000", payload], "1000")
    expect_bad_input(checks, "commp --piece-size smaller than the payload",
                     [sealsim, "commp", "--piece-size", "512", payload], "512")
    expect_bad_input(checks, "commp --piece-size not a number",
                     [sealsim, "commp", "--piece-size", "big", payload], "big")

    good = reference.piece_cid(reference.Z[2])
    sealed = "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c"
    proof = ["--proof", "StackedDrg2KiBV1_1"]
    for label, arg, named in [
            ("not a CID", "notacid:128", "notacid"),
            ("sealed CID as a piece", f"{sealed}:128", sealed),
            ("bad base32 character", good[:-1] + "1:128", good[:-1] + "1"),
            ("missing padded size", good, good),
            ("padded size not a power of two", f"{good}:1000", "1000"),
            ("padded size not a number", f"{good}:lots", "lots")]:
        expect_bad_input(checks, f"commd with {label}", [sealsim, "commd"] + proof + [arg], named)
    expect_bad_input(checks, "commd with pieces larger than the sector",
                     [sealsim, "commd"] + proof + [f"{good}:2048", f"{good}:128"], "2048")
    expect_bad_input(checks, "commd with an unknown proof",
                     [sealsim, "commd", "--proof", "StackedDrg3KiBV1_1", f"{good}:128"],
                     "StackedDrg3KiBV1_1")


def group_vectors_run(checks, sealsim, work):
    vectors = os.path.join(REPO, "vectors")
    result = run([sealsim, "vectors", "run", vectors])
    lines = result.stdout.splitlines()
    summary = re.fullmatch(r"(\d+) passed, (\d+) failed", lines[-1]) if lines else None
    checks.check(result.returncode == 0, "vectors run exits 0", f"exit {result.returncode}: "
                 f"{result.stderr.strip()} {lines[-3:]}")
    checks.check(summary is not None and int(summary.group(1)) > 0 and summary.group(2) == "0",
                 "vectors run ends with 'N passed, 0 failed'", repr(lines[-1:]))
    if summary:
        case_lines = lines[:-1]
        checks.check(all(line.startswith("PASS ") for line in case_lines)
                     and len(case_lines) == int(summary.group(1)),
                     "vectors run prints one PASS line per case", repr(case_lines[:3]))
    bad = os.path.join(work, "bad.json")
    with open(bad, "w") as f:
        f.write('{"_meta": {"id": "x", "description": "d", "gen": [{"source": "s", "version": "v"}],'
                ' "tags": ["published"]}, "kind": "commp", "cases": [{"id": "a", "input": '
                '{"payload": 7}, "expect": {"pieceCid": "b"}}]}')
    expect_bad_input(checks, "vectors run of a malformed file", [sealsim, "vectors", "run", bad],
                     "/cases/0/input/payload")


GROUPS = {"commp": group_commp, "commp-1gib": group_commp_1gib, "commd": group_commd,
          "bad-input": group_bad_input, "vectors-run": group_vectors_run}


def main():
    parser = argparse.ArgumentParser(description="sealsim CLI conformance checks")
    parser.add_argument("--sealsim", required=True, help="path of the sealsim program")
    parser.add_argument("group", choices=sorted(GROUPS))
    args = parser.parse_args()
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="sealsim-cli-") as work:
        GROUPS[args.group](checks, os.path.abspath(args.sealsim), work)
    print(f"{checks.count - checks.failures} passed, {checks.failures} failed")
    return 1 if checks.failures or checks.count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
