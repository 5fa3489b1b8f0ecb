"""Build benchmark: documents/s, triples/s and peak memory at 10, 100, 1,000 and 10,000 synthetic
documents; the bundled corpus against the bare import time of what a build needs; `cyberkg --help`.

    python benchmarks/bench_build.py [--sizes 10 100 1000 10000] [--repeat 3]

Each measurement runs in a fresh process (so peak memory is that build's), one after the other in
one run: compare the ratios, not the absolute times (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic_documents import write_corpus  # noqa: E402

BUILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from cyberkg.loaders.build import build
from pathlib import Path
t1 = time.perf_counter()
report = build([Path(sys.argv[1])], Path(sys.argv[2]))
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "build": t2 - t1, "triples": report.triples,
                  "documents": len(report.documents), "failed": len(report.failed),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
IMPORTS = """
import time
t0 = time.perf_counter()
import rdflib, pyoxigraph, click, rich
import cyberkg.loaders.build, cyberkg.loaders.extract
print(time.perf_counter() - t0)
"""


def run(code: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = HERE.parent / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print("## Bundled corpus against bare imports (median of", args.repeat, "runs)")
        imports = statistics.median(float(run(IMPORTS)) for _ in range(args.repeat))
        whole = []
        for i in range(args.repeat):
            whole.append(json.loads(run(BUILD, str(corpus), str(root / f"bundled{i}"))))
        build_s = statistics.median(r["build"] for r in whole)
        print(f"bare import of the modules a build needs: {imports * 1000:.0f} ms")
        print(f"build of the bundled corpus (after imports, no cache): {build_s * 1000:.0f} ms "
              f"({build_s / imports:.2f} x the import time); {whole[0]['triples']} triples")
        helps = [timed([sys.executable, "-m", "cyberkg.cli", "--help"]) for _ in range(args.repeat)]
        print(f"`cyberkg --help` (whole process): {statistics.median(helps) * 1000:.0f} ms")
        print()
        print("| documents | build s | documents/s | triples | triples/s | ms per document "
              "| peak RSS MB |")
        print("|---|---|---|---|---|---|---|")
        per_doc = {}
        for size in args.sizes:
            folder = root / f"docs{size}"
            write_corpus(folder, size)
            result = json.loads(run(BUILD, str(folder), str(root / f"out{size}")))
            per_doc[size] = result["build"] / size
            print(f"| {size} | {result['build']:.2f} | {size / result['build']:.0f} | "
                  f"{result['triples']} | {result['triples'] / result['build']:.0f} | "
                  f"{per_doc[size] * 1000:.1f} | {result['rss_mb']:.0f} |", flush=True)
        if 100 in per_doc and max(per_doc) > 100:
            top = max(per_doc)
            print(f"\ncost per document at {top} / at 100: {per_doc[top] / per_doc[100]:.2f}")


if __name__ == "__main__":
    main()
