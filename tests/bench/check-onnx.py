"""check-onnx: runs python3-onnx's checker (with shape inference, full_check) on the ONNX files
named on the command line — the graphs tests/bench/onnx-writer.mjs writes as raw protobuf —
and prints one JSON line {file: "ok" | error}. Exit status 1 if any fails. Used by
bench-attention.mjs; run with Debian's /usr/bin/python3 (python3-onnx 1.12)."""
import json
import sys

import onnx

results = {}
for path in sys.argv[1:]:
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
        results[path] = "ok"
    except Exception as error:  # the checker raises several kinds; report each as text
        results[path] = str(error)[:500]
print(json.dumps(results))
sys.exit(0 if all(r == "ok" for r in results.values()) else 1)
