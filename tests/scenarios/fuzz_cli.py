#!/usr/bin/env python3
# fuzz_cli.py: end-to-end checks of `sealsim fuzz` through the program. Groups:
#   campaign:    a short campaign with a fixed seed set passes (exit 0, every case run, progress on
#                stderr); prints the time taken. If it ever fails, the printed scenario files must
#                exist and fail under `sealsim run` (so the failure report is usable as it stands).
#   shards:      shards 0/2 and 1/2 split a campaign's cases; the same options give the same output.
#   bad-options: a shard out of range and zero runs are exit 2 with the option named.
#   coverage:    --coverage FILE writes the campaign's planner rows and branches in the format of
#                `sealsim run --coverage` (non-zero rows, runs >= cases); the same campaign again
#                doubles every count; `sealsim coverage report` reads it; a malformed FILE is exit 2.
# The planted-bug check (the campaign finds a broken planner row and shrinks it) needs a second
# build: scripts/planted-bug-check.
import argparse, json, os, re, subprocess, sys, tempfile, time

failures = []
CAMPAIGN_SEED = "20261121"
CAMPAIGN_RUNS = 200


def run(sealsim, *args, timeout=600):
    return subprocess.run([sealsim, *args], capture_output=True, text=True, timeout=timeout)


def check(condition, what):
    if not condition:
        failures.append(what)


def campaign(sealsim):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "failures")
        start = time.monotonic()
        r = run(sealsim, "fuzz", "--seed", CAMPAIGN_SEED, "--runs", str(CAMPAIGN_RUNS), "--max-events", "20",
                "--out", out)
        print(f"fuzz: {CAMPAIGN_RUNS} cases in {time.monotonic() - start:.1f} s")
        print(r.stdout[-3000:])
        check(r.returncode == 0, f"campaign exit {r.returncode}\n{r.stdout[-4000:]}{r.stderr[-2000:]}")
        check(f"fuzz: {CAMPAIGN_RUNS} cases" in r.stdout and ", 0 failed" in r.stdout, f"summary:\n{r.stdout}")
        check(f"{CAMPAIGN_RUNS}/{CAMPAIGN_RUNS} cases" in r.stderr, f"no final progress line:\n{r.stderr[-1000:]}")
        for path in re.findall(r"^  (\S+\.json)$", r.stdout, re.M):
            check(os.path.exists(path), f"printed scenario {path} missing")
            replay = run(sealsim, "run", path)
            check(replay.returncode == 1, f"sealsim run {path}: exit {replay.returncode}, wanted 1")


def shards(sealsim):
    with tempfile.TemporaryDirectory() as tmp:
        common = ["fuzz", "--seed", "5", "--runs", "5", "--max-events", "6", "--out", tmp]
        a = run(sealsim, *common, "--shard", "0/2")
        b = run(sealsim, *common, "--shard", "1/2")
        again = run(sealsim, *common, "--shard", "0/2")
        for r in (a, b):
            check(r.returncode in (0, 1), f"shard exit {r.returncode}: {r.stderr}")
        check("fuzz: 3 cases" in a.stdout, f"shard 0/2 of 5 cases:\n{a.stdout}")
        check("fuzz: 2 cases" in b.stdout, f"shard 1/2 of 5 cases:\n{b.stdout}")
        check(a.stdout == again.stdout, f"same options, different output:\n{a.stdout}\n---\n{again.stdout}")


def bad_options(sealsim):
    r = run(sealsim, "fuzz", "--shard", "2/2")
    check(r.returncode == 2 and "--shard" in r.stderr, f"--shard 2/2: exit {r.returncode} {r.stderr}")
    r = run(sealsim, "fuzz", "--runs", "0")
    check(r.returncode == 2 and "--runs" in r.stderr, f"--runs 0: exit {r.returncode} {r.stderr}")


def coverage(sealsim):
    with tempfile.TemporaryDirectory() as tmp:
        file = os.path.join(tmp, "coverage.json")
        common = ["fuzz", "--seed", "7", "--runs", "3", "--max-events", "8", "--out", os.path.join(tmp, "f"),
                  "--coverage", file]
        r = run(sealsim, *common)
        check(r.returncode in (0, 1), f"fuzz --coverage exit {r.returncode}: {r.stderr}")
        check(os.path.exists(file), "fuzz --coverage wrote no file")
        if not os.path.exists(file):
            return
        with open(file) as f:
            first = json.load(f)
        check(first.get("format") == "sealsim-coverage/1", f"format: {first.get('format')}")
        check(first.get("runs", 0) >= 3, f"runs {first.get('runs')} < 3 cases")
        check(len(first.get("rows", {})) > 0 and all(v > 0 for v in first["rows"].values()),
              f"rows: {first.get('rows')}")
        check(len(first.get("branches", {})) > 0, f"no handler branches: {first.get('branches')}")
        again = run(sealsim, *common)
        check(again.returncode == r.returncode, f"second campaign exit {again.returncode}")
        with open(file) as f:
            second = json.load(f)
        check(second["runs"] == 2 * first["runs"], f"runs {first['runs']} then {second['runs']}")
        check(second["rows"] == {k: 2 * v for k, v in first["rows"].items()}, "rows did not double")
        check(second.get("branches") == {k: 2 * v for k, v in first["branches"].items()}, "branches did not double")
        report = run(sealsim, "coverage", "report", file, "--html", os.path.join(tmp, "coverage.html"))
        check(report.returncode == 0, f"coverage report exit {report.returncode}: {report.stderr}")
        with open(file, "w") as f:
            f.write("{\"format\": \"other\"}")
        bad = run(sealsim, *common)
        check(bad.returncode == 2 and file in bad.stderr, f"malformed coverage file: exit {bad.returncode} {bad.stderr}")
        check("cases" not in bad.stdout, f"a case ran before the malformed file was refused:\n{bad.stdout}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sealsim", required=True)
    parser.add_argument("group", choices=["campaign", "shards", "bad-options", "coverage"])
    args = parser.parse_args()
    {"campaign": campaign, "shards": shards, "bad-options": bad_options, "coverage": coverage}[args.group](args.sealsim)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
