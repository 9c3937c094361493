#!/usr/bin/env python3
"""seal_cli_test.py: end-to-end checks of `sealsim seal` and `sealsim verify`.

The expected CIDs are the published lotus-bench 2 KiB values (spec proofs.md §7.9,
vectors-published.md V-SEAL-1): 2 KiB CC sector of zeros, StackedDrg2KiBV1_1, miner t01000
(prover id 1000), sector 1, ticket 32x00; CommR of the ticket 32x01 negative control is the
spec's computed value. Nothing here is taken from sealsim's own output.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

PUBLISHED_COMM_D = "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy"
PUBLISHED_COMM_R = "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c"
TICKET_01_COMM_R = "bagboea4b5abca52cioilg33uvtkzlranby2b6t576gdch7vprlls7zz5osinbvs4"
ZERO = "00" * 32


def run(sealsim, *args):
    return subprocess.run([sealsim, *args], capture_output=True, text=True)


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def seal(sealsim, tmp, name, data_bytes, ticket, seed=None, proof="2KiB", extra=()):
    data = os.path.join(tmp, name + ".data")
    with open(data, "wb") as f:
        f.write(data_bytes)
    out = os.path.join(tmp, name)
    args = ["seal", "--proof", proof, "--data", data, "--prover-id", "1000", "--sector", "1",
            "--ticket", ticket, "--out", out, "--json", *extra]
    if seed is not None:
        args += ["--seed", seed]
    return run(sealsim, *args), out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sealsim", required=True)
    parser.add_argument("group", choices=["2kib", "8mib"])
    options = parser.parse_args()
    sealsim = options.sealsim
    with tempfile.TemporaryDirectory() as tmp:
        if options.group == "8mib":
            result, out = seal(sealsim, tmp, "s8", bytes(range(256)) * 4096, ZERO, ZERO, proof="8MiB")
            check(result.returncode == 0, f"8 MiB seal failed: {result.stderr}")
            report = json.loads(result.stdout)
            check(report["verified"] is True, "8 MiB vanilla proofs do not verify")
            check(os.path.getsize(os.path.join(out, "sealed")) == 8 << 20, "sealed file size")
            print("ok 8 MiB", report["sealedCid"], report["wallClockSeconds"])
            return

        # The published end-to-end check: lotus-bench AddPiece of /dev/zero, ticket and seed zero.
        result, out = seal(sealsim, tmp, "bench", bytes(2032), ZERO, ZERO)
        check(result.returncode == 0, f"seal failed: {result.stderr}")
        report = json.loads(result.stdout)
        check(report["unsealedCid"] == PUBLISHED_COMM_D, f"CommD {report['unsealedCid']}")
        check(report["sealedCid"] == PUBLISHED_COMM_R, f"CommR {report['sealedCid']}")
        check(report["verified"] is True, "vanilla proofs of the published sector do not verify")
        check(set(report["wallClockSeconds"]) == {"addPiece", "preCommit1", "preCommit2", "commit1", "verify"},
              f"stages {report['wallClockSeconds']}")
        check(os.path.getsize(os.path.join(out, "sealed")) == 2048, "sealed file size")
        check(os.path.getsize(os.path.join(out, "p_aux")) == 64, "p_aux size")

        # A shorter file is zero-filled: the same sector.
        result, _ = seal(sealsim, tmp, "short", bytes(100), ZERO)
        check(result.returncode == 0 and json.loads(result.stdout)["sealedCid"] == PUBLISHED_COMM_R,
              "short zero file")
        # The spec's ticket 32x01 negative control.
        result, _ = seal(sealsim, tmp, "t01", bytes(2032), "01" * 32)
        check(result.returncode == 0 and json.loads(result.stdout)["sealedCid"] == TICKET_01_COMM_R,
              f"ticket 01 CommR: {result.stdout}{result.stderr}")

        proof_file = os.path.join(out, "commit1-vanilla-proofs.bin")
        public = ["--proof", "2KiB", "--prover-id", "1000", "--sector", "1", "--ticket", ZERO,
                  "--seed", ZERO, "--comm-d", PUBLISHED_COMM_D, "--comm-r", PUBLISHED_COMM_R]
        result = run(sealsim, "verify", "--json", *public, proof_file)
        check(result.returncode == 0 and json.loads(result.stdout)["valid"] is True,
              f"verify: {result.stdout}{result.stderr}")
        check(json.loads(result.stdout)["publicValuesFromFile"] == [], "all values were given")
        for option, value in [("--seed", "02" * 32), ("--ticket", "01" * 32), ("--sector", "2"),
                              ("--comm-r", TICKET_01_COMM_R)]:
            changed = list(public)
            changed[changed.index(option) + 1] = value
            result = run(sealsim, "verify", *changed, proof_file)
            check(result.returncode == 1 and "INVALID" in result.stdout, f"verify with wrong {option}: {result.stdout}")
        with open(proof_file, "rb") as f:
            original = f.read()
        for position in [0, 5, 100, 300, len(original) // 2, len(original) - 1]:
            tampered = bytearray(original)
            tampered[position] ^= 0x10
            path = os.path.join(tmp, f"tampered-{position}.bin")
            with open(path, "wb") as f:
                f.write(tampered)
            result = run(sealsim, "verify", *public, path)
            check(result.returncode == 1, f"tampered byte {position}: exit {result.returncode} {result.stdout}")

        # Bad input: exit 2 with a message naming the problem.
        result, _ = seal(sealsim, tmp, "big", bytes(2033), ZERO)
        check(result.returncode == 2 and "2032" in result.stderr, f"oversized data: {result.stderr}")
        result, _ = seal(sealsim, tmp, "badticket", bytes(10), "zz")
        check(result.returncode == 2 and "--ticket" in result.stderr, f"bad ticket: {result.stderr}")
        result, _ = seal(sealsim, tmp, "large", bytes(10), ZERO, proof="32GiB")
        check(result.returncode == 2 and "--allow-large" in result.stderr and "memory" in result.stderr,
              f"32 GiB refusal: {result.stderr}")
        print("ok")


if __name__ == "__main__":
    main()
