#!/usr/bin/env python3
# crash_coverage_cli.py: end-to-end checks of `sealsim crashtest` and of transition coverage
# (`sealsim run --coverage`, `sealsim coverage report`) through the program. Groups:
#   crashtest: >= 100 kills of a multi-sector scenario, every round ends with the uninterrupted
#              run's trace hash and records; both kinds of kill point occur; prints the time taken;
#              the same seed gives the same kill points (--json); a missing --kills is exit 2.
#   coverage:  run --coverage twice merges (counts double, runs add up; rows and handler
#              branches), the HTML lists every row of the table and every branch, never-hit ones
#              first, the pledge row and the PC1 retry branch are hit, a malformed coverage file
#              is exit 2.
import argparse, json, os, re, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CRASH_SCENARIO = os.path.join(HERE, "cases", "crash-multi-sector.json")
failures = []


def run(sealsim, *args, timeout=600):
    return subprocess.run([sealsim, *args], capture_output=True, text=True, timeout=timeout)


def check(condition, what):
    if not condition:
        failures.append(what)


def crashtest(sealsim):
    kills = 100
    start = time.monotonic()
    r = run(sealsim, "crashtest", CRASH_SCENARIO, "--kills", str(kills), "--seed", "7")
    elapsed = time.monotonic() - start
    print(f"crashtest: {kills} kills in {elapsed:.1f} s")
    print(r.stdout[-3000:])
    check(r.returncode == 0, f"crashtest exit {r.returncode}\n{r.stdout[-4000:]}{r.stderr}")
    lines = [l for l in r.stdout.splitlines() if l.startswith("kill ")]
    check(len(lines) == kills, f"{len(lines)} kill lines, wanted {kills}")
    check(all(l.endswith(": match") for l in lines), "a kill round did not match:\n" +
          "\n".join(l for l in lines if not l.endswith(": match")))
    check(any("SQLite write" in l for l in lines) and any("after event" in l for l in lines),
          "not both kinds of kill point")
    reference = re.search(r"reference: (\d+) events, (\d+) SQLite writes, (\d+) sectors", r.stdout)
    check(reference is not None and int(reference.group(3)) >= 3,
          f"the reference run has fewer than 3 sectors:\n{r.stdout[:500]}")
    # The JSON form, and the same kill points for the same seed.
    j = run(sealsim, "crashtest", CRASH_SCENARIO, "--kills", "6", "--seed", "7", "--json")
    check(j.returncode == 0, f"crashtest --json exit {j.returncode}\n{j.stdout}{j.stderr}")
    if j.returncode == 0:
        summary = json.loads(j.stdout.splitlines()[-1])
        check(summary["passed"] and summary["killed"] == 6 and len(summary["rounds"]) == 6, f"json summary: {summary}")
        text_points = [l.split(": ")[1] for l in lines[:6]]
        json_points = [("SIGKILL before SQLite write " if x["kind"] == "sqlite_write" else "SIGKILL after event ") +
                       str(x["at"]) for x in summary["rounds"]]
        check(text_points == json_points, f"same seed, different kill points: {text_points} vs {json_points}")
    bad = run(sealsim, "crashtest", CRASH_SCENARIO)
    check(bad.returncode == 2 and "--kills" in bad.stderr, f"missing --kills: exit {bad.returncode} {bad.stderr}")


def coverage(sealsim):
    with tempfile.TemporaryDirectory() as tmp:
        cov = os.path.join(tmp, "cov.json")
        # One CC sector whose first PreCommit1 fails: it takes the SealPreCommit1Failed branch.
        scenario = os.path.join(ROOT, "scenarios", "library", "cc-pc1-failure-recovery.json")
        r1 = run(sealsim, "run", scenario, "--coverage", cov)
        check(r1.returncode == 0, f"run --coverage: exit {r1.returncode}\n{r1.stdout}{r1.stderr}")
        first = json.load(open(cov))
        check(first["format"] == "sealsim-coverage/1" and first["runs"] == 1, f"first file: {first}")
        check(first["rows"].get("Undefined SectorStartCC", 0) >= 1, f"the pledge row is not hit: {first['rows']}")
        check(first.get("branches", {}).get("SealPreCommit1Failed.Retry", 0) == 1, f"the retry branch is not hit once: {first}")
        r2 = run(sealsim, "run", scenario, "--coverage", cov)
        check(r2.returncode == 0, f"second run --coverage: exit {r2.returncode}")
        second = json.load(open(cov))
        check(second["runs"] == 2, f"runs after merge: {second['runs']}")
        check(second["rows"] == {k: 2 * v for k, v in first["rows"].items()}, f"merge did not add: {first} {second}")
        check(second["branches"] == {k: 2 * v for k, v in first["branches"].items()}, f"branches did not add: {second}")
        html = os.path.join(tmp, "out", "coverage.html")
        rep = run(sealsim, "coverage", "report", cov, "--html", html)
        check(rep.returncode == 0, f"coverage report: exit {rep.returncode}\n{rep.stderr}")
        m = re.search(r"(\d+) of (\d+) planner rows hit", rep.stdout)
        check(m is not None, f"coverage report summary: {rep.stdout}")
        if m and os.path.exists(html):
            text = open(html).read()
            rows = re.findall(r'<tr class="(never|hit)[^"]*"><td>([^<]*)</td><td>([^<]*)</td>', text)
            check(len(rows) == int(m.group(2)), f"HTML has {len(rows)} rows, the table {m.group(2)}")
            kinds = [k for k, _, _ in rows]
            check(kinds == sorted(kinds, key=lambda k: k != "never"), "never-hit rows are not first")
            check(sum(1 for k in kinds if k == "hit") == int(m.group(1)), "hit rows in HTML != summary")
            check(("hit", "Undefined", "SectorStartCC") in rows, "Undefined SectorStartCC is not shown as hit")
            check("unreachable: nothing in v1.11.0 sends this event" in text, "the spec's reason for unsent events is missing")
            b = re.search(r"(\d+) of (\d+) handler branches hit", rep.stdout)
            check(b is not None, f"coverage report branch summary: {rep.stdout}")
            branches = re.findall(r'<tr class="branch (never|hit)[^"]*"><td>([^<]*)</td>', text)
            if b:
                check(len(branches) == int(b.group(2)), f"HTML has {len(branches)} branches, the list {b.group(2)}")
                check(sum(1 for k, _ in branches if k == "hit") == int(b.group(1)), "hit branches in HTML != summary")
            bkinds = [k for k, _ in branches]
            check(bkinds == sorted(bkinds, key=lambda k: k != "never"), "never-hit branches are not first")
            check(("hit", "SealPreCommit1Failed.Retry") in branches, "SealPreCommit1Failed.Retry is not shown as hit")
            check(("never", "CommitFailed.BadSeed") in branches, "CommitFailed.BadSeed is not shown as never hit")
        with open(os.path.join(tmp, "bad.json"), "w") as f:
            f.write('{"format": "other", "runs": 1, "rows": {}}')
        bad = run(sealsim, "coverage", "report", os.path.join(tmp, "bad.json"), "--html", html)
        check(bad.returncode == 2 and "not a sealsim coverage file" in bad.stderr, f"bad file: {bad.returncode} {bad.stderr}")
        bad_run = run(sealsim, "run", scenario, "--coverage", os.path.join(tmp, "bad.json"))
        check(bad_run.returncode == 2, f"run with a bad coverage file: exit {bad_run.returncode}")


GROUPS = {"crashtest": crashtest, "coverage": coverage}

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sealsim", required=True)
    parser.add_argument("group", choices=sorted(GROUPS))
    args = parser.parse_args()
    GROUPS[args.group](args.sealsim)
    for f in failures:
        print("FAIL:", f)
    print(f"{args.group}: {len(failures)} failure(s)")
    sys.exit(1 if failures else 0)
