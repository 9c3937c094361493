#!/usr/bin/env python3
# reference_self_check.py: runs the Python reference (commp_reference.py) over the repository's
# vector files of the kinds it implements (fr32-pad, zero-commitment, commp, padded-tree-root,
# compute-comm-d, generate-unsealed-cid), so the reference is pinned to the published values
# before it is used to judge sealsim, and every transcribed value is checked by a second,
# independent implementation. Exit status 0 when all agree.

import glob
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import commp_reference as R  # noqa: E402

SECTOR_OF_PROOF = {"StackedDrg2KiBV1_1": 2048, "StackedDrg8MiBV1_1": 8 << 20,
                   "StackedDrg512MiBV1_1": 512 << 20, "StackedDrg32GiBV1_1": 32 << 30,
                   "StackedDrg64GiBV1_1": 64 << 30}


def generate(spec):
    if isinstance(spec, str):
        return bytes.fromhex(spec)
    kind = spec["generator"]
    if kind == "repeat":
        return bytes.fromhex(spec["byte"]) * spec["length"]
    if kind == "counter":
        return bytes((spec["start"] + i) % 256 for i in range(spec["length"]))
    if kind == "ascii":
        return spec["text"].encode("ascii")
    if kind == "concat":
        return b"".join(generate(part) for part in spec["parts"])
    raise NotImplementedError(kind)


def pieces_of(entries):
    return [(R.parse_piece_cid(p["pieceCid"]) if "pieceCid" in p else bytes.fromhex(p["commitment"]),
             p["padded"]) for p in entries]


def fr32_reader(data):
    # Fr32Reader: zero-fill the last block, keep ceil(8n/254) nodes.
    full = data + bytes(-len(data) % R.UNPADDED_BLOCK)
    out = b"".join(R.fr32_pad_block(full[i:i + R.UNPADDED_BLOCK])
                   for i in range(0, len(full), R.UNPADDED_BLOCK))
    return out[:-(-8 * len(data) // 254) * R.NODE]


def outputs(kind, inp, work):
    if kind == "fr32-pad":
        return {"padded": fr32_reader(generate(inp["data"])).hex()}
    if kind == "zero-commitment":
        z = R.Z[inp["level"]]
        return {"commitment": z.hex(), "pieceCid": R.piece_cid(z)}
    if kind == "commp":
        path = os.path.join(work, "payload")
        with open(path, "wb") as f:
            f.write(generate(inp["payload"]))
        r = R.commp_of_file(path, inp.get("pieceSize"))
        return {"pieceCid": r["pieceCid"], "commP": r["commP"], "paddedSize": r["paddedSize"],
                "payloadSize": r["payloadSize"]}
    if kind == "padded-tree-root":
        data = generate(inp["padded"])
        root = R.merkle_root([data[i:i + R.NODE] for i in range(0, len(data), R.NODE)])
        return {"root": root.hex(), "pieceCid": R.piece_cid(root)}
    if kind == "compute-comm-d":
        pieces = pieces_of(inp["pieces"])
        c = R.stack_commitment(pieces)[0] if pieces else R.Z[R.log2(inp["sectorSize"]) - 5]
        return {"commD": c.hex(), "unsealedCid": R.piece_cid(c)}
    if kind == "generate-unsealed-cid":
        c = R.commd(SECTOR_OF_PROOF[inp["proof"]], pieces_of(inp["pieces"]))
        return {"commD": c.hex(), "unsealedCid": R.piece_cid(c)}
    return None


def main():
    checked = failed = skipped = 0
    with tempfile.TemporaryDirectory(prefix="sealsim-reference-") as work:
        for path in sorted(glob.glob(os.path.join(REPO, "vectors", "**", "*.json"), recursive=True)):
            doc = json.load(open(path))
            for case in doc["cases"]:
                expects_error = "expect-error" in case.get("hints", {})
                name = f"{os.path.relpath(path, REPO)} {case['id']}"
                try:
                    got = outputs(doc["kind"], case["input"], work)
                except R.InputError as e:
                    got = e
                except NotImplementedError as e:
                    print(f"skip {name}: the {e} generator is not in the Python reference")
                    skipped += 1
                    continue
                if got is None:
                    continue  # a kind the reference does not implement
                checked += 1
                if expects_error:
                    ok = isinstance(got, R.InputError)
                    detail = "expected an error"
                else:
                    ok = not isinstance(got, R.InputError) and all(
                        got.get(k) == v for k, v in case["expect"].items()
                        if k not in ("padded",)) and (
                        "padded" not in case["expect"] or
                        got["padded"] == generate(case["expect"]["padded"]).hex())
                    detail = f"reference gives {got}"
                print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
                failed += 0 if ok else 1
    print(f"{checked - failed} passed, {failed} failed, {skipped} skipped")
    return 0 if checked > 0 and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
