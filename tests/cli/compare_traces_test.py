#!/usr/bin/env python3
"""compare_traces_test.py: scripts/compare-traces, the cpu-vs-cuda trace check of scripts/gpu-check,
on real traces: a mock run against itself with the backend renamed (header field, setup record's
"proofs <backend>") agrees; a changed header field, another change to the setup record, a changed
record, or a missing record is a difference (exit 1)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sealsim", required=True)
    parser.add_argument("--compare", required=True)
    parser.add_argument("--scenario", required=True)
    args = parser.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        base = os.path.join(folder, "a.jsonl")
        run = subprocess.run([args.sealsim, "run", args.scenario, "--trace", base], capture_output=True, text=True)
        if run.returncode != 0:
            print("FAIL: the scenario did not run:", run.stdout, run.stderr)
            return 1
        with open(base) as f:
            lines = f.read().split("\n")

        def variant(name, edit):
            changed = list(lines)
            edit(changed)
            path = os.path.join(folder, name)
            with open(path, "w") as f:
                f.write("\n".join(changed))
            return subprocess.run([sys.executable, args.compare, base, path], capture_output=True, text=True)

        def set_header(key, value):
            def edit(changed):
                header = json.loads(changed[0])
                header[key] = value
                changed[0] = json.dumps(header, separators=(",", ":"))
            return edit

        def rename_backend(changed):
            set_header("proofs", "cuda")(changed)
            for i, line in enumerate(changed):
                if '"event":"setup"' in line:
                    changed[i] = line.replace("proofs mock", "proofs cuda")

        def change_setup(changed):
            rename_backend(changed)
            for i, line in enumerate(changed):
                if '"event":"setup"' in line:
                    changed[i] = line.replace("persistence", "persistance")

        def change_record(changed):
            changed[len(changed) // 2] += " "

        cases = [
            ("same.jsonl", lambda changed: None, 0),
            ("renamed.jsonl", set_header("proofs", "cuda"), 0),
            ("renamed-setup.jsonl", rename_backend, 0),
            ("setup-changed.jsonl", change_setup, 1),
            ("seed.jsonl", set_header("seed", 12345), 1),
            ("record.jsonl", change_record, 1),
            ("shorter.jsonl", lambda changed: changed.pop(len(changed) // 2), 1),
        ]
        for name, edit, expected in cases:
            result = variant(name, edit)
            if result.returncode != expected:
                failures.append(f"{name}: exit {result.returncode}, expected {expected}: {result.stdout}{result.stderr}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
