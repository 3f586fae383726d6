#!/usr/bin/env python3
"""Seeds fuzz/corpus/parsers from every string in the signature conformance vectors (run time only;
the corpus is not committed)."""
import hashlib, json, os, pathlib

here = pathlib.Path(__file__).resolve().parent
vectors = here / "../../../../shared/conformance/ledger"
out = here / "corpus/parsers"
out.mkdir(parents=True, exist_ok=True)
files = ["signed_notes.json", "checkpoints.json", "treaty_ledger_example.derived.json"]

def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)

count = 0
for name in files:
    for text in strings(json.load(open(vectors / name))):
        data = text.encode()
        (out / hashlib.sha256(data).hexdigest()[:16]).write_bytes(data)
        count += 1
print(f"seeded {count} inputs into {out}")
