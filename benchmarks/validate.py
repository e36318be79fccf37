#!/usr/bin/env python3
"""Validation benchmark (issue 2): our full validation vs `xmllint --schema` on the same files, same run.

Generates ≈1 MB and ≈10 MB synthetic modules, then times whole commands (process start included for both):
  ours:      samenwijzer validate FILE       (well-formedness + XSD + every semantic rule)
  reference: xmllint --noout --schema XSD FILE   (well-formedness + XSD only)
Reports the median of N runs, MB/s and the ratio ours/xmllint. Also times `samenwijzer validate modules`
(the bundled catalog). Usage: benchmarks/validate.py [--runs N] [--binary .build/release/samenwijzer]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def median_seconds(command, runs, expect_ok=True):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if expect_ok and result.returncode != 0:
            sys.exit(f"command failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode()}")
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/samenwijzer"))
    args = parser.parse_args()
    schema = os.path.join(ROOT, "Assets/schema/module.xsd")
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run `swift build -c release --product samenwijzer` first")

    with tempfile.TemporaryDirectory() as work:
        print(f"{'file':>8} {'size MB':>8} {'ours ms':>9} {'xmllint ms':>11} {'ours MB/s':>10} {'xmllint MB/s':>13} {'ratio':>6}")
        for megabytes in (1, 10):
            folder = os.path.join(work, f"synthetisch-{megabytes}mb")
            subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks/synthetic_module.py"), folder, str(megabytes)], check=True)
            path = os.path.join(folder, "module.xml")
            size = os.path.getsize(path) / 1_048_576
            ours = median_seconds([args.binary, "validate", "--assets", os.path.join(ROOT, "Assets"), path], args.runs)
            reference = median_seconds(["xmllint", "--noout", "--schema", schema, path], args.runs)
            print(f"{megabytes:>6}MB {size:>8.2f} {ours * 1000:>9.1f} {reference * 1000:>11.1f} {size / ours:>10.1f} "
                  f"{size / reference:>13.1f} {ours / reference:>6.2f}")
        bundled = median_seconds([args.binary, "validate", "modules"], args.runs)
        print(f"bundled modules (samenwijzer validate modules, whole process): median {bundled * 1000:.1f} ms")


if __name__ == "__main__":
    main()
