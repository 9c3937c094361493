#!/usr/bin/env python3
# scenario_cli.py: end-to-end checks of `sealsim run`, `sealsim replay` and `sealsim scenario new`
# through the program. Groups: malformed (every corpus file: exit 2 and its own message at its own
# line), library (every scenario in scenarios/library passes, twice with the same trace hash, and
# together they hit every reachable planner row),
# wrong-expectation, stopped-run, starter, replay.
import argparse, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
failures = []


def run(sealsim, *args):
    return subprocess.run([sealsim, *args], capture_output=True, text=True, timeout=300)


def check(condition, what):
    if not condition:
        failures.append(what)


def malformed(sealsim):
    folder = os.path.join(HERE, "malformed")
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(folder, "expected.tsv")) if not l.startswith("#")]
    check(len(rows) >= 50, f"corpus has {len(rows)} files, fewer than 50")
    for name, line, text in rows:
        path = os.path.join(folder, name)
        r = run(sealsim, "run", path)
        where = f"{path}:{line}:"
        ok = r.returncode == 2 and where in r.stderr and text in r.stderr
        check(ok, f"{name}: exit {r.returncode}, wanted 2 with '{where}' and '{text}' in:\n{r.stderr}{r.stdout}")


def library(sealsim):
    folder = os.path.join(ROOT, "scenarios", "library")
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".json"))
    check(len(files) > 0, "no scenarios in scenarios/library")
    with tempfile.TemporaryDirectory() as tmp:
        cov = os.path.join(tmp, "library.coverage.json")
        for path in files:
            hashes = []
            # The second run also counts the planner rows it hits: counting must not change the run.
            for extra in ([], ["--coverage", cov]):
                r = run(sealsim, "run", "--json", *extra, path)
                check(r.returncode == 0, f"{os.path.basename(path)}: exit {r.returncode}\n{r.stdout}{r.stderr}")
                if r.returncode == 0:
                    hashes.append(json.loads(r.stdout.splitlines()[0])["trace_hash"])
            check(len(hashes) == 2 and hashes[0] == hashes[1], f"{os.path.basename(path)}: trace hashes differ: {hashes}")
        # Issue 8: the library reaches every planner row the spec does not call unreachable.
        r = run(sealsim, "coverage", "report", cov, "--html", os.path.join(tmp, "coverage.html"))
        check(r.returncode == 0 and " 0 reachable (state, event) cells never hit" in r.stdout,
              f"the library leaves reachable planner rows unhit (exit {r.returncode}):\n{r.stdout}{r.stderr}")


def wrong_expectation(sealsim):
    r = run(sealsim, "run", os.path.join(HERE, "cases", "wrong-expectation.json"))
    check(r.returncode == 1, f"wrong-expectation: exit {r.returncode}, wanted 1")
    want = "expectation failed: sector 1 ends in Proving: it ended in Packing (history: Packing@10)"
    check(want in r.stdout, f"wrong-expectation: '{want}' not in:\n{r.stdout}")
    check("FAIL wrong-expectation" in r.stdout and "0 passed, 1 failed" in r.stdout, f"wrong-expectation summary:\n{r.stdout}")


def stopped_run(sealsim):
    r = run(sealsim, "run", os.path.join(HERE, "cases", "stops-on-bad-deal-payload.json"))
    check(r.returncode == 1, f"stopped-run: exit {r.returncode}, wanted 1")
    want = "run stopped: timeline event 'deal' at epoch 1 (/timeline/0): payload file "
    check(want in r.stdout, f"stopped-run: '{want}' not in:\n{r.stdout}")


def starter(sealsim):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "new.json")
        r = run(sealsim, "scenario", "new", "--out", path)
        check(r.returncode == 0 and os.path.exists(path), f"scenario new: exit {r.returncode}\n{r.stderr}")
        r = run(sealsim, "scenario", "new", "--out", path)
        check(r.returncode == 2 and "not overwriting" in r.stderr, f"scenario new over an existing file: exit {r.returncode}")
        r = run(sealsim, "run", path)
        check(r.returncode == 0, f"the starter scenario does not pass: exit {r.returncode}\n{r.stdout}{r.stderr}")


def replay(sealsim):
    scenario = os.path.join(ROOT, "scenarios", "library", "cc-remove-during-packing.json")
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, "run.trace.jsonl")
        r = run(sealsim, "run", "--trace", trace, "--report", tmp, scenario)
        check(r.returncode == 0, f"replay setup: exit {r.returncode}\n{r.stdout}{r.stderr}")
        check(os.path.getsize(os.path.join(tmp, "cc-remove-during-packing.html")) > 0, "no HTML report written")
        r = run(sealsim, "replay", trace)
        check(r.returncode == 0 and "IDENTICAL" in r.stdout, f"replay of an untouched trace: exit {r.returncode}\n{r.stdout}{r.stderr}")
        lines = open(trace).read().splitlines()
        check(len(lines) > 3, "trace too short")
        record = json.loads(lines[3])
        record["epoch"] = record["epoch"] + 1000
        lines[3] = json.dumps(record, separators=(",", ":"))
        open(trace, "w").write("\n".join(lines) + "\n")
        r = run(sealsim, "replay", trace)
        check(r.returncode == 1 and f"DIVERGED at {trace}:4" in r.stdout, f"replay of a changed trace: exit {r.returncode}\n{r.stdout}")
        open(trace, "w").write("not a trace\n")
        r = run(sealsim, "replay", trace)
        check(r.returncode == 2, f"replay of a non-trace: exit {r.returncode}")


GROUPS = {"malformed": malformed, "library": library, "wrong-expectation": wrong_expectation,
          "stopped-run": stopped_run, "starter": starter, "replay": replay}

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sealsim", required=True)
    parser.add_argument("group", choices=sorted(GROUPS))
    args = parser.parse_args()
    GROUPS[args.group](args.sealsim)
    for f in failures:
        print("FAILED:", f)
    print(f"{args.group}: {len(failures)} failure(s)")
    sys.exit(1 if failures else 0)
