#!/usr/bin/env python3
# report_render.py: the HTML run report renders in headless Chromium without console messages.
# Runs a library scenario with `sealsim run --report DIR`, screenshots the page and checks: the PNG
# decodes, is not one flat colour, and shows at least one of the state colours that the report's
# timeline SVG fills its rectangles with (so the timeline itself painted); Chromium's log holds no
# console message (the report has no scripts and loads nothing, so any message is an error).
# The checks are first run against a known-bad page (blank, with a throwing script), which they
# must reject, so a check that cannot fail is caught. Exit 77 (SKIP) when Chromium is absent.
import argparse, os, re, shutil, struct, subprocess, sys, tempfile, zlib

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SCENARIO = os.path.join(ROOT, "scenarios", "library", "cc-pledge-packing.json")
CONSOLE = re.compile(r":CONSOLE[:(]")


def png_pixels(data):
    """The set of distinct pixel colours of an 8-bit, non-interlaced RGB/RGBA/grey PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, header, idat = 8, None, bytearray()
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"unsupported PNG layout: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(bytes(idat))
    stride = width * channels
    previous = bytearray(stride)
    colours = set()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride if kind != 0 else 0):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                line[i] = (line[i] + predictor) & 0xFF
            elif kind != 0:
                raise ValueError(f"bad PNG filter {kind} on row {y}")
        colours.update(bytes(line[i:i + channels])[:3] for i in range(0, stride, channels))
        previous = line
    return width, height, colours


def render(chromium, page, folder, size):
    """Screenshots `page`; returns (PNG bytes, the console lines of Chromium's log)."""
    shot = os.path.join(folder, "shot.png")
    if os.path.exists(shot):
        os.remove(shot)
    r = subprocess.run([chromium, "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage",
                        "--hide-scrollbars", "--force-color-profile=srgb", "--force-device-scale-factor=1",
                        "--user-data-dir=" + os.path.join(folder, "profile"), "--window-size=" + size,
                        "--enable-logging=stderr", "--v=0", "--screenshot=" + shot, "file://" + page],
                       capture_output=True, text=True, timeout=60)
    log = r.stdout + r.stderr
    if r.returncode != 0 or not os.path.exists(shot):
        raise RuntimeError(f"chromium exit {r.returncode}, no screenshot:\n{log[-3000:]}")
    with open(shot, "rb") as f:
        return f.read(), [line for line in log.splitlines() if CONSOLE.search(line)]


def problems(png, console, want_colours):
    """What is wrong with a rendering, and how many colours its screenshot has."""
    found = []
    if not png:
        return ["screenshot is empty"], 0
    width, height, colours = png_pixels(png)
    if len(colours) <= 1:
        found.append(f"screenshot {width}x{height} is one flat colour {sorted(colours)}")
    if want_colours and not (want_colours & colours):
        found.append("no timeline state colour " + ", ".join("#" + c.hex() for c in sorted(want_colours)) +
                     " among the screenshot's pixels")
    found += ["console: " + line for line in console]
    return found, len(colours)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sealsim", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    chromium = args.chromium if os.access(args.chromium, os.X_OK) else shutil.which("chromium")
    if not chromium:
        print(f"SKIP: no Chromium at {args.chromium} or on PATH (scripts/setup installs it)")
        return SKIP

    with tempfile.TemporaryDirectory(prefix="sealsim-report-render-") as folder:
        bad = os.path.join(folder, "bad.html")
        with open(bad, "w") as f:
            f.write("<!DOCTYPE html><html><body style='background:#fff'>"
                    "<script>no_such_function();</script></body></html>")
        png, console = render(chromium, bad, folder, "320,240")
        caught, _ = problems(png, console, set())
        if not any("flat colour" in p for p in caught) or not any("console" in p for p in caught):
            print("FAIL: the checks did not reject a blank page with a throwing script; they found:", caught)
            return 1

        reports = os.path.join(folder, "reports")
        r = subprocess.run([args.sealsim, "run", SCENARIO, "--report", reports], capture_output=True, text=True,
                           timeout=120)
        pages = sorted(f for f in os.listdir(reports) if f.endswith(".html")) if os.path.isdir(reports) else []
        # Exit 1 (an expectation failed) still writes the report, and a failed run's page must render
        # too; this test is about the page, the library tests judge the scenario.
        if r.returncode not in (0, 1) or len(pages) != 1:
            print(f"FAIL: sealsim run --report: exit {r.returncode}, report pages {pages}\n{r.stdout}{r.stderr}")
            return 1
        name, page = pages[0], os.path.join(reports, pages[0])
        html = open(page, encoding="utf-8").read()
        svg = html[html.index("<svg"):html.index("</svg>")]
        fills = set(re.findall(r'<rect x="[^"]*" y="[^"]*" width="[^"]*" height="[^"]*" fill="#([0-9a-f]{6})"', svg))
        if not fills:
            print("FAIL: the report's timeline has no state rectangles")
            return 1
        png, console = render(chromium, page, folder, "1000,900")
        found, colour_count = problems(png, console, {bytes.fromhex(c) for c in fills})
        if found:
            print("FAIL: " + page + "\n  " + "\n  ".join(found))
            return 1
        print(f"ok: {name} rendered, {colour_count} colours, timeline colours "
              f"{sorted(fills)}, no console messages")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, ValueError, subprocess.TimeoutExpired) as e:
        print(f"FAIL: {e}")
        sys.exit(1)
