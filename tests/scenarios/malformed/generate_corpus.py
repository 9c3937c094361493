# generate_corpus.py: writes the malformed-scenario corpus and expected.tsv. The expected line of each
# error is found here by searching the generated text, independently of sealsim.
import copy, json, os
out = os.path.dirname(os.path.abspath(__file__))
base = {
  "name": "base",
  "description": "d",
  "seed": 1,
  "proof_type": "2KiB",
  "durations": {"AP": 60},
  "workers": [{"name": "w1", "tasks": ["AP"]}],
  "storage": [{"path": "p1", "capacity": "1GiB"}],
  "end": {"epoch": 100},
  "timeline": [{"at": 10, "pledge": {"count": 1}}],
  "expect": {"sectors": [{"sector": 1, "state": "Packing"}]},
}
cases = []
def case(name, mutate, needle, expected, text=None):
    cases.append((name, mutate, needle, expected, text))
def setp(path, value):
    def f(d):
        cur = d
        for k in path[:-1]: cur = cur[k]
        cur[path[-1]] = value
    return f
def delp(path):
    def f(d):
        cur = d
        for k in path[:-1]: cur = cur[k]
        del cur[path[-1]]
    return f
def add_event(ev):
    return lambda d: d["timeline"].append(ev)

case("broken-trailing-comma", None, "}", "invalid JSON", '{\n  "name": "x",\n  "seed": 1,\n}\n')
case("broken-unterminated-string", None, '"desc', "invalid JSON", '{\n  "name": "x",\n  "desc\n}\n')
case("broken-empty-file", None, None, "invalid JSON", "")
case("broken-bare-word", None, "seed", "invalid JSON", '{\n  "name": "x",\n  "seed": one\n}\n')
case("top-level-array", None, None, "expected an object, got an array", "[\n  1\n]\n")
case("missing-name", delp(["name"]), None, "missing required field 'name'")
case("missing-description", delp(["description"]), None, "missing required field 'description'")
case("missing-seed", delp(["seed"]), None, "missing required field 'seed'")
case("missing-proof-type", delp(["proof_type"]), None, "missing required field 'proof_type'")
case("missing-end", delp(["end"]), None, "missing required field 'end'")
case("missing-timeline", delp(["timeline"]), None, "missing required field 'timeline'")
case("missing-expect", delp(["expect"]), None, "missing required field 'expect'")
case("unknown-top-level-field", setp(["sead"], 1), '"sead"', "unknown field 'sead'")
case("seed-string", setp(["seed"], "1"), '"seed"', "expected an integer >= 0, got string")
case("seed-negative", setp(["seed"], -1), '"seed"', "expected an integer >= 0, got integer -1")
case("seed-fraction", setp(["seed"], 1.5), '"seed"', "expected an integer >= 0, got number 1.5")
case("proofs-unknown", setp(["proofs"], "gpu"), '"proofs"', 'expected one of "mock" "cpu" "cuda", got string "gpu"')
case("proof-type-bad-size", setp(["proof_type"], "3KiB"), '"proof_type"', "unknown seal proof '3KiB'")
case("proof-type-number", setp(["proof_type"], 2048), '"proof_type"', "expected a string (not empty), got integer 2048")
case("network-unknown", setp(["network"], "testnet"), '"network"', 'expected one of "mainnet" "devnet_2k"')
case("persistence-unknown", setp(["persistence"], "disk"), '"persistence"', 'expected one of "sqlite" "memory"')
case("sealing-unknown-field", setp(["sealing"], {"batch_precommits": False}), '"batch_precommits"', "unknown field 'batch_precommits'")
case("sealing-wrong-type", setp(["sealing"], {"batch_pre_commits": "yes"}), '"batch_pre_commits"', "expected a boolean (true or false), got string")
case("sealing-negative", setp(["sealing"], {"max_pre_commit_batch": -5}), '"max_pre_commit_batch"', "expected an integer >= 0, got integer -5")
case("fees-no-unit", setp(["fees"], {"max_commit_gas_fee": "0.025"}), '"max_commit_gas_fee"', "expected a string: a token amount")
case("fees-too-fine", setp(["fees"], {"max_commit_gas_fee": "0.0000000000000000001 FIL"}), '"max_commit_gas_fee"', "finer than 1 attoFIL")
case("fees-batch-missing", setp(["fees"], {"max_commit_batch_gas_fee": {"base": "0 FIL"}}), '"max_commit_batch_gas_fee"', "missing required field 'per_sector'")
case("miner-balance-number", setp(["miner"], {"balance": 100}), '"balance"', "expected a string: a token amount")
case("miner-unknown-field", setp(["miner"], {"address": "t01000"}), '"address"', "unknown field 'address'")
case("workers-missing-tasks", setp(["workers"], [{"name": "w1"}]), ('"name": "w1"', 1, -1), "missing required field 'tasks'")
case("workers-unknown-task", setp(["workers"], [{"name": "w1", "tasks": ["PC3"]}]), '"PC3"', 'unknown task type "PC3"')
case("workers-duplicate", setp(["workers"], [{"name": "w1", "tasks": ["AP"]}, {"name": "w1", "tasks": ["PC1"]}]), ('"name": "w1"', 2, 0), 'worker name "w1" appears twice')
case("workers-empty-tasks", setp(["workers"], [{"name": "w1", "tasks": []}]), '"tasks"', "with at least 1 item")
case("storage-bad-capacity", setp(["storage"], [{"path": "p1", "capacity": "1GB"}]), '"capacity"', "a size with a binary unit")
case("storage-zero-capacity", setp(["storage"], [{"path": "p1", "capacity": "0"}]), '"capacity"', "capacity above 0 bytes")
case("storage-duplicate", setp(["storage"], [{"path": "p1", "capacity": "1GiB"}, {"path": "p1", "capacity": "2GiB"}]), ('"path": "p1"', 2, 0), 'storage path "p1" appears twice')
case("durations-unknown-task", setp(["durations"], {"XYZ": 5}), '"XYZ"', 'unknown task type "XYZ"')
case("durations-negative", setp(["durations"], {"AP": -1}), '"AP": -1', "expected an integer >= 0 and <= 1000000000000000, got integer -1")
case("end-zero", setp(["end"], {"epoch": 0}), '"epoch": 0', "expected an integer >= 1 and <= 1000000000000000, got integer 0")
case("end-missing-epoch", setp(["end"], {}), '"end"', "missing required field 'epoch'")
case("timeline-object", setp(["timeline"], {"at": 1}), '"timeline"', "expected an array, got an object")
case("event-missing-at", setp(["timeline"], [{"pledge": {"count": 1}}]), ('"pledge"', 1, -1), "missing required field 'at'")
case("event-negative-at", setp(["timeline"], [{"at": -5, "pledge": {"count": 1}}]), '"at": -5', "expected an integer >= 0 and <= 1000000000000000, got integer -5")
case("event-at-beyond-64-bits", setp(["timeline"], [{"at": 18446744073709551615, "pledge": {"count": 1}}]), '"at": 1844', "expected an integer >= 0 and <= 1000000000000000, got integer 18446744073709551615")
case("end-beyond-limit", setp(["end"], {"epoch": 2000000000000000}), '"epoch": 2', "got integer 2000000000000000")
case("event-after-end", setp(["timeline"], [{"at": 150, "pledge": {"count": 1}}]), '"at": 150', "is not before the end epoch 100")
case("event-two-kinds", setp(["timeline"], [{"at": 1, "pledge": {"count": 1}, "restart": {}}]), ('"at": 1', 1, -1), "exactly one event kind, found 2")
case("event-no-kind", setp(["timeline"], [{"at": 1, "$comment": "nothing"}]), ('"at": 1', 1, -1), "exactly one event kind, found 0")
case("event-unknown-kind", setp(["timeline"], [{"at": 1, "explode": {}}]), '"explode"', "unknown field 'explode'")
case("pledge-zero", setp(["timeline"], [{"at": 1, "pledge": {"count": 0}}]), '"count": 0', "expected an integer >= 1, got integer 0")
case("pledge-string", setp(["timeline"], [{"at": 1, "pledge": {"count": "x"}}]), '"count": "x"', "expected an integer >= 1, got string")
case("deal-bad-size", setp(["timeline"], [{"at": 1, "deal": {"size": "2KB", "price_per_epoch": "0 FIL", "start_epoch": 50, "duration": 100}}]), '"2KB"', "a size with a binary unit")
case("deal-missing-price", setp(["timeline"], [{"at": 1, "deal": {"size": "2KiB", "start_epoch": 50, "duration": 100}}]), '"deal"', "missing required field 'price_per_epoch'")
case("deal-payload-missing", setp(["timeline"], [{"at": 1, "deal": {"size": "1KiB", "price_per_epoch": "0 FIL", "start_epoch": 50, "duration": 100, "payload": "no-such-file.bin"}}]), '"payload"', 'payload file "no-such-file.bin" not found')
case("deal-zero-size", setp(["timeline"], [{"at": 1, "deal": {"size": "0", "price_per_epoch": "0 FIL", "start_epoch": 50, "duration": 100}}]), '"size"', "a deal holds at least one byte")
case("deal-bad-collateral", setp(["timeline"], [{"at": 1, "deal": {"size": "1KiB", "price_per_epoch": "0 FIL", "start_epoch": 50, "duration": 100, "provider_collateral": "5"}}]), '"provider_collateral"', "expected a string: a token amount")
case("deal-fund-escrow-string", setp(["timeline"], [{"at": 1, "deal": {"size": "1KiB", "price_per_epoch": "0 FIL", "start_epoch": 50, "duration": 100, "fund_escrow": "no"}}]), '"fund_escrow"', "expected a boolean (true or false), got string")
case("market-unknown-field", setp(["market"], {"publish_msg_period": 60}), '"publish_msg_period"', "unknown field 'publish_msg_period'")
case("market-piece-size-not-power-of-two", setp(["market"], {"max_piece_size": "3000"}), '"max_piece_size"', "a piece size is a power of two of at least 128 bytes, got 3000")
case("expect-deal-unknown-state", setp(["expect"], {"deals": [{"deal": 1, "state": "Active"}]}), '"Active"', 'unknown deal status "Active"')
case("expect-deal-zero", setp(["expect"], {"deals": [{"deal": 0, "state": "StorageDealActive"}]}), '"deal": 0', "expected an integer >= 1, got integer 0")
case("expect-deal-beyond-timeline", setp(["expect"], {"deals": [{"deal": 1, "state": "StorageDealActive"}]}), '"deal": 1', "deal 1 does not exist: the timeline has 0 deal event(s)")
case("deal-larger-than-sector", setp(["timeline"], [{"at": 1, "deal": {"size": "4KiB", "price_per_epoch": "0 FIL", "start_epoch": 50, "duration": 100}}]), '"4KiB"', "a deal's payload must fit one sector: at most 2032 bytes for StackedDrg2KiBV1_1, got 4096")
case("reorg-zero-depth", setp(["timeline"], [{"at": 1, "reorg": {"depth": 0}}]), '"depth"', "expected an integer >= 1, got integer 0")
case("chain-fault-unknown-call", setp(["timeline"], [{"at": 1, "chain_fault": {"call": "StateFoo", "count": 1}}]), '"StateFoo"', 'unknown chain API call "StateFoo"')
case("message-fault-unknown-method", setp(["timeline"], [{"at": 1, "message_fault": {"method": "PreCommit", "exit_code": "ErrForbidden"}}]), '"PreCommit"', 'unknown chain method "PreCommit"')
case("message-fault-unknown-exit-code", setp(["timeline"], [{"at": 1, "message_fault": {"method": "PreCommitSector", "exit_code": "ErrBad"}}]), '"ErrBad"', 'unknown exit code "ErrBad"')
case("worker-lost-undeclared", setp(["timeline"], [{"at": 1, "worker_lost": {"worker": "w9"}}]), '"w9"', 'worker "w9" is not declared in /workers')
case("path-full-undeclared", setp(["timeline"], [{"at": 1, "path_full": {"path": "p9"}}]), '"p9"', 'storage path "p9" is not declared in /storage')
case("operator-unknown-command", setp(["timeline"], [{"at": 1, "operator": {"command": "delete", "sector": 1}}]), '"delete"', 'expected one of "remove" "terminate" "force_state"')
case("operator-force-no-state", setp(["timeline"], [{"at": 1, "operator": {"command": "force_state", "sector": 1}}]), '"operator"', 'force_state needs a "state"')
case("operator-force-unknown-state", setp(["timeline"], [{"at": 1, "operator": {"command": "force_state", "sector": 1, "state": "Sealed"}}]), '"Sealed"', 'unknown sector state "Sealed"')
case("operator-remove-with-state", setp(["timeline"], [{"at": 1, "operator": {"command": "remove", "sector": 1, "state": "Removed"}}]), '"Removed"', '"state" belongs only to the force_state command')
case("operator-sector-zero", setp(["timeline"], [{"at": 1, "operator": {"command": "remove", "sector": 0}}]), '"sector": 0', "expected an integer >= 1, got integer 0")
case("set-balance-bad-amount", setp(["timeline"], [{"at": 1, "set_balance": {"amount": "lots"}}]), '"lots"', "expected a string: a token amount")
case("expect-unknown-state", setp(["expect"], {"sectors": [{"sector": 1, "state": "Provng"}]}), '"Provng"', 'unknown sector state "Provng"')
case("expect-undefined-state", setp(["expect"], {"sectors": [{"sector": 1, "state": ""}]}), '"state": ""', 'unknown sector state ""')
case("expect-counts-unknown-state", setp(["expect"], {"counts": {"Done": 1}}), '"Done"', 'unknown sector state "Done"')
case("expect-messages-unknown-method", setp(["expect"], {"messages": {"PreCommit": 1}}), '"PreCommit"', 'unknown chain method "PreCommit"')
case("expect-sector-zero", setp(["expect"], {"sectors": [{"sector": 0, "state": "Packing"}]}), '"sector": 0', "expected an integer >= 1, got integer 0")
case("expect-findings-not-array", setp(["expect"], {"findings": {"must": "PlannerHalt"}}), '"must"', "expected an array, got string")
case("expect-liveness-zero", setp(["expect"], {"liveness_epochs": 0}), '"liveness_epochs"', "expected an integer >= 1, got integer 0")
case("expect-unknown-field", setp(["expect"], {"final": {}}), '"final"', "unknown field 'final'")
case("duplicate-key", None, None, "duplicate field", None)
case("name-with-spaces", setp(["name"], "my scenario"), '"name"', "expected a string matching")
case("description-empty", setp(["description"], ""), '"description"', "expected a string (not empty), got string")

os.makedirs(out, exist_ok=True)
rows = []
for name, mutate, needle, expected, text in cases:
    if text is None and name == "duplicate-key":
        text = json.dumps(base, indent=2) + "\n"
        text = text.replace('"seed": 1,', '"seed": 1,\n  "seed": 2,', 1)
        needle = '"seed": 2'
    elif text is None:
        d = copy.deepcopy(base)
        mutate(d)
        text = json.dumps(d, indent=2) + "\n"
    fname = name + ".json"
    with open(os.path.join(out, fname), "w") as f:
        f.write(text)
    if needle is None:
        line = 1
    else:
        if isinstance(needle, str): needle = (needle, 1, 0)
        text_needle, occurrence, delta = needle
        lines = text.split("\n")
        hits = [i + 1 for i, l in enumerate(lines) if text_needle in l]
        line = hits[occurrence - 1] + delta
    rows.append(f"{fname}\t{line}\t{expected}")
with open(os.path.join(out, "expected.tsv"), "w") as f:
    f.write("# file<TAB>line<TAB>text the error must contain (lines found independently of sealsim)\n")
    f.write("\n".join(rows) + "\n")
print(len(rows))
