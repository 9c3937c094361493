#!/usr/bin/env python3
"""cuda_selection_test.py: choosing the cuda proofs backend where it cannot run (CI: no CUDA in
the build, no GPU) is exit 2 with a message saying why, before anything runs — by `--proofs cuda`
and by a scenario's `"proofs": "cuda"` — never a silent run on another backend. Skipped (77) on a
machine that can run cuda (scripts/gpu-check covers it there)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def run(sealsim, *args):
    return subprocess.run([sealsim, *args], capture_output=True, text=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sealsim", required=True)
    parser.add_argument("--scenario", required=True)
    args = parser.parse_args()

    by_option = run(args.sealsim, "run", args.scenario, "--proofs", "cuda")
    if by_option.returncode != 2 and "not available" not in by_option.stderr:
        print("skipped: this machine can run the cuda backend")
        return 77
    failures = []
    with open(args.scenario) as f:
        scenario = json.load(f)
    scenario["proofs"] = "cuda"
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "cuda-scenario.json")
        with open(path, "w") as f:
            json.dump(scenario, f)
        by_file = run(args.sealsim, "run", path)
        for label, result, chooser in (("--proofs cuda", by_option, "--proofs"),
                                       ("proofs: cuda", by_file, "scenario " + path)):
            expected = chooser + " chooses proofs backend 'cuda', which is not available: "
            if result.returncode != 2:
                failures.append(f"{label}: exit {result.returncode}, expected 2")
            if expected not in result.stderr:
                failures.append(f"{label}: stderr lacks {expected!r}: {result.stderr!r}")
            if result.stdout.strip():
                failures.append(f"{label}: something ran: {result.stdout!r}")
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print("cuda refused with exit 2 both ways:", by_option.stderr.strip())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
