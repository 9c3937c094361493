#!/usr/bin/env python3
"""cpu_scenarios_cli.py: the library's `proofs: cpu` scenarios through `sealsim run`.

For each scenarios/library/cpu-<group>-*.json: the run passes under cpu; the same file under
`--proofs mock` passes and every sector goes through the same states at the same epochs; in the cpu
trace every sector that reached Proving has a 'seal proof verified' record of chain-mock (its
vanilla proofs checked at prove-commit) and none was rejected; the CommD of that record is
`sealsim commd`'s for the sector's pieces (committed capacity: the published 2 KiB zero-sector
CommD, vectors-published.md; a deal: `sealsim commp` of its payload file, then zero pieces), and
its CommR is what `sealsim seal` computes, with Commit1 and verification, from the sector's data
(the payloads zero-filled) and the record's ticket and seed (an independent path through the
model: no scheduler, FSM, market or chain). Deal scenarios put one deal in each sector and name
their payload files.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
# lotus-bench 2 KiB zero sector (spec proofs.md §7.9, vectors-published.md V-SEAL-1).
PUBLISHED_ZERO_COMM_D = {"2KiB": "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy"}
UNPADDED = {"2KiB": 2032, "8MiB": 8 * 1024 * 1024 * 127 // 128}
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
    return condition


def run(sealsim, *args, timeout=900):
    return subprocess.run([sealsim, *args], capture_output=True, text=True, timeout=timeout)


def read_trace(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def state_histories(trace):
    """sector -> [(epoch, state)] as the sealing records moved it."""
    out = {}
    for r in trace:
        if r.get("component") == "sealing" and "sector" in r and r.get("to"):
            h = out.setdefault(r["sector"], [])
            if not h or h[-1][1] != r["to"]:
                h.append((r["epoch"], r["to"]))
    return out


VERDICT = re.compile(r"vanilla proofs \((\d+) bytes\) verified; CommD (\S+), CommR (\S+), ticket ([0-9a-f]{64}), seed ([0-9a-f]{64})$")


def check_scenario(sealsim, path, tmp):
    name = os.path.basename(path)
    scenario = json.load(open(path))
    proof = scenario["proof_type"]
    check(scenario.get("proofs") == "cpu", f"{name}: not a proofs: cpu scenario")
    traces = {}
    for proofs in ("cpu", "mock"):
        trace = os.path.join(tmp, f"{name}.{proofs}.jsonl")
        r = run(sealsim, "run", "--json", "--proofs", proofs, "--trace", trace, path)
        if not check(r.returncode == 0, f"{name} under {proofs}: exit {r.returncode}\n{r.stdout}{r.stderr}"):
            return
        traces[proofs] = read_trace(trace)
    cpu, mock = traces["cpu"], traces["mock"]
    check(cpu[0]["proofs"] == "cpu" and mock[0]["proofs"] == "mock", f"{name}: trace headers' proofs")
    cpu_states, mock_states = state_histories(cpu), state_histories(mock)
    check(len(cpu_states) > 0, f"{name}: no sector moved")
    check(cpu_states == mock_states, f"{name}: states differ between cpu and mock:\n{cpu_states}\n{mock_states}")
    check(any(r.get("event") == "proofs" and "vanilla proofs wrapped" in r.get("details", "") for r in cpu),
          f"{name}: the cpu trace does not say what C2's proof is")
    check(not any(r.get("event") == "seal proof verified" for r in mock), f"{name}: mock trace has vanilla verdicts")
    rejected = [r for r in cpu if r.get("event") == "seal proof rejected"]
    check(not rejected, f"{name}: rejected proofs: {rejected}")

    miner = None
    for r in cpu:
        if r.get("event") == "setup":
            miner = int(re.match(r"miner t0(\d+),", r["details"]).group(1))
    check(miner is not None, f"{name}: no setup record")
    verdicts = {}
    for r in cpu:
        if r.get("event") == "seal proof verified":
            m = VERDICT.search(r["details"])
            if check(m is not None, f"{name}: verdict details: {r['details']}"):
                verdicts[r["sector"]] = m.groups()
    proving = sorted(s for s, h in cpu_states.items() if h[-1][1] == "Proving")
    check(len(proving) > 0, f"{name}: no sector reached Proving")
    check(sorted(verdicts) == proving, f"{name}: verified sectors {sorted(verdicts)}, Proving {proving}")

    # The sector's data and pieces: a deal's payload file (one deal per sector), or zeros.
    payloads = [os.path.join(os.path.dirname(path), e["deal"]["payload"])
                for e in scenario["timeline"] if "deal" in e]
    check(all(os.path.isfile(p) for p in payloads), f"{name}: a deal without a payload file")
    deal_of_sector = {}
    for r in cpu:
        if r.get("component") == "market" and "sector" in r and "deal" in r:
            deal_of_sector.setdefault(r["sector"], set()).add(r["deal"])
    zeros = os.path.join(tmp, f"zeros-{proof}")
    with open(zeros, "wb") as f:
        f.write(bytes(UNPADDED[proof]))

    def sector_pieces(sector):
        """(data file for sealsim seal, sealsim commd piece arguments)"""
        deals = sorted(deal_of_sector.get(sector, ()))
        if not deals:
            return zeros, []
        check(len(deals) == 1, f"{name} sector {sector}: deals {deals}, this check handles one per sector")
        payload = payloads[deals[0] - 1]
        r = run(sealsim, "commp", "--json", payload)
        piece = json.loads(r.stdout.splitlines()[0])
        return payload, [f"{piece['pieceCid']}:{piece['paddedSize']}"]

    for sector, (size, comm_d, comm_r, ticket, seed) in sorted(verdicts.items()):
        data, pieces = sector_pieces(sector)
        r = run(sealsim, "commd", "--json", "--proof", proof, *pieces)
        expected_comm_d = json.loads(r.stdout)["unsealedCid"] if r.returncode == 0 else None
        check(expected_comm_d is not None, f"sealsim commd {pieces} failed: {r.stderr}")
        if not pieces and proof in PUBLISHED_ZERO_COMM_D:
            check(expected_comm_d == PUBLISHED_ZERO_COMM_D[proof], f"sealsim commd {proof}: {expected_comm_d}")
        check(comm_d == expected_comm_d, f"{name} sector {sector}: CommD {comm_d}, sealsim commd {expected_comm_d}")
        out = os.path.join(tmp, f"{name}-{sector}")
        r = run(sealsim, "seal", "--json", "--proof", proof, "--data", data, "--prover-id", str(miner),
                "--sector", str(sector), "--ticket", ticket, "--seed", seed, "--out", out)
        if not check(r.returncode == 0, f"{name} sector {sector}: sealsim seal failed: {r.stderr}"):
            continue
        report = json.loads(r.stdout)
        check(report["unsealedCid"] == comm_d, f"{name} sector {sector}: seal CommD {report['unsealedCid']}")
        check(report["sealedCid"] == comm_r, f"{name} sector {sector}: seal CommR {report['sealedCid']}, trace {comm_r}")
        check(report["verified"] is True, f"{name} sector {sector}: sealsim seal's proofs do not verify")
        check(os.path.getsize(os.path.join(out, "commit1-vanilla-proofs.bin")) == int(size),
              f"{name} sector {sector}: vanilla proofs of {size} bytes on chain, "
              f"{os.path.getsize(os.path.join(out, 'commit1-vanilla-proofs.bin'))} from sealsim seal")


def large_sectors_refused(sealsim, tmp):
    """32 GiB under cpu stops the run with what it would cost, unless --allow-large."""
    scenario = json.load(open(os.path.join(ROOT, "scenarios", "library", "cpu-2kib-cc.json")))
    scenario.update(name="cpu-32gib", proof_type="32GiB", timeline=[], expect={}, end={"epoch": 5})
    path = os.path.join(tmp, "cpu-32gib.json")
    json.dump(scenario, open(path, "w"))
    r = run(sealsim, "run", path)
    want = "run stopped: proofs backend cpu: StackedDrg32GiBV1_1 (32GiB) is refused: sealing it on the CPU"
    check(r.returncode == 1 and want in r.stdout and "(--allow-large)" in r.stdout,
          f"32 GiB under cpu: exit {r.returncode}\n{r.stdout}{r.stderr}")
    r = run(sealsim, "run", "--allow-large", path)  # nothing to seal: runs
    check(r.returncode == 0, f"32 GiB under cpu with --allow-large: exit {r.returncode}\n{r.stdout}{r.stderr}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sealsim", required=True)
    parser.add_argument("group", help="sector size label of the scenarios: 2kib or 8mib")
    options = parser.parse_args()
    files = sorted(glob.glob(os.path.join(ROOT, "scenarios", "library", f"cpu-{options.group}-*.json")))
    check(len(files) > 0, f"no cpu-{options.group}-*.json scenarios")
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            check_scenario(options.sealsim, path, tmp)
        if options.group == "2kib":
            large_sectors_refused(options.sealsim, tmp)
    for f in failures:
        print("FAIL:", f)
    print(f"{len(files)} scenarios, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
