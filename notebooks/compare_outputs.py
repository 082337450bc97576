"""Compares the outputs saved in a notebook with those of a fresh run of it.

    python3 notebooks/compare_outputs.py SAVED.ipynb FRESH.ipynb

Exit status 0 when every code cell's outputs are the same, 1 (with a diff per cell) otherwise.
What legitimately changes from run to run is masked first: Spark's expression ids (#123),
JShell's generated class names, the emulator's port, instants with fractions of a second,
UUIDs. Images are compared by their PNG size (width x height) and by the text/plain summary
that every display carries (for charts: the points, totals, peaks and marks drawn), not by
their bytes, which depend on the machine's fonts.
"""
import base64
import difflib
import json
import re
import struct
import sys

import nbformat

MASKS = [
    (re.compile(r"#\d+L?\b"), "#N"),
    (re.compile(r"\$JShell\$\d+"), "$JShell$N"),
    (re.compile(r"(127\.0\.0\.1|localhost):\d+"), r"\1:PORT"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z?"), "<instant>"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
]


def mask(text):
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def png_size(b64):
    data = base64.b64decode(b64)
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return "PNG %dx%d" % (width, height)


def text(value):
    return "".join(value) if isinstance(value, list) else value


def normalize(output):
    kind = output["output_type"]
    if kind == "stream":
        return {"stream": output["name"], "text": mask(text(output["text"]))}
    if kind == "error":
        return {"error": output["ename"], "evalue": mask(output["evalue"]),
                "traceback": [mask(line) for line in output["traceback"]]}
    data = {}
    for mime, value in output.get("data", {}).items():
        data[mime] = png_size(text(value)) if mime == "image/png" else mask(text(value))
    return {kind: data}


def merge_streams(outputs):
    """Consecutive stream outputs of one name are one stream: how text is chunked may vary."""
    merged = []
    for o in outputs:
        if merged and "stream" in o and merged[-1].get("stream") == o["stream"]:
            merged[-1] = {"stream": o["stream"], "text": merged[-1]["text"] + o["text"]}
        else:
            merged.append(o)
    return merged


def cells(path):
    nb = nbformat.read(path, as_version=4)
    return [(c.source, merge_streams([normalize(o) for o in c.outputs]))
            for c in nb.cells if c.cell_type == "code"]


def main(saved_path, fresh_path):
    saved, fresh = cells(saved_path), cells(fresh_path)
    if [s for s, _ in saved] != [s for s, _ in fresh]:
        print("%s: the code cells differ from %s" % (saved_path, fresh_path))
        return 1
    differing = 0
    for index, ((source, before), (_, after)) in enumerate(zip(saved, fresh), start=1):
        if before == after:
            continue
        differing += 1
        first_line = source.splitlines()[0] if source else ""
        print("code cell %d (%s): saved outputs differ from a fresh run" % (index, first_line))
        a = json.dumps(before, indent=1, ensure_ascii=False).splitlines()
        b = json.dumps(after, indent=1, ensure_ascii=False).splitlines()
        for line in difflib.unified_diff(a, b, "saved", "fresh", lineterm="", n=2):
            print("  " + line)
    if differing:
        print("%s: %d code cell(s) differ; re-run with notebooks/check --write-outputs and commit"
              % (saved_path, differing))
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
