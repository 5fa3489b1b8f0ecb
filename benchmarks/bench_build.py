"""Build benchmark: documents/s, triples/s and peak memory at 10, 100, 1,000 and 10,000 synthetic
documents; the bundled corpus against the bare import time of what a build needs; `cyberkg --help`.

    python benchmarks/bench_build.py [--sizes 10 100 1000 10000] [--repeat 3]

Each measurement runs in a fresh process (so peak memory is that build's, and that of the helper
process that loads its store), one after the other in one run: compare the ratios, not the
absolute times (the machine is shared).
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
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "helper_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
# The modules `cyberkg build` needs: whatever the command has imported once it is done.
MODULES = """
import sys
before = set(sys.modules)
from cyberkg.cli import cli
cli(["build", sys.argv[1], "--out", sys.argv[2]], standalone_mode=False)
with open(sys.argv[3], "w") as listing:
    listing.write("\\n".join(name for name in sys.modules if name not in before))
"""
# Their bare import time, in a fresh process, in the order the build imported them.
IMPORTS = """
import importlib, sys, time
names = open(sys.argv[1]).read().split()
t0 = time.perf_counter()
for name in names:
    try:
        importlib.import_module(name)
    except ImportError:  # an alias such as typing.io, not importable by its name
        pass
print(time.perf_counter() - t0)
"""
# The build itself once those modules are imported: the work a build adds to its imports.
BUILD_AFTER_IMPORTS = """
import importlib, json, sys, time
for name in open(sys.argv[1]).read().split():
    try:
        importlib.import_module(name)
    except ImportError:
        pass
import contextlib, io
from pathlib import Path
from cyberkg.cli import cli
t0 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):  # the build's own table
    cli(["build", sys.argv[2], "--out", sys.argv[3]], standalone_mode=False)
print(json.dumps({"build": time.perf_counter() - t0,
                  "triples": json.loads((Path(sys.argv[3]) / "report.json").read_text())["triples"]}))
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
        modules = root / "modules.txt"
        run(MODULES, str(corpus), str(root / "modules-out"), str(modules))
        # imports and builds alternate, so that each ratio compares two runs made side by side
        pairs = []
        for i in range(args.repeat):
            imported = float(run(IMPORTS, str(modules)))
            built = json.loads(run(BUILD_AFTER_IMPORTS, str(modules), str(corpus),
                                   str(root / f"b{i}")))
            pairs.append((imported, built["build"], built["triples"]))
        imports = statistics.median(p[0] for p in pairs)
        build_s = statistics.median(p[1] for p in pairs)
        ratios = [built_s / imported for imported, built_s, _ in pairs]
        commands = [timed([sys.executable, "-m", "cyberkg.cli", "build", str(corpus), "--out",
                           str(root / f"c{i}")]) for i in range(args.repeat)]
        print(f"bare import of the {len(modules.read_text().split())} modules `cyberkg build` "
              f"imports: {imports * 1000:.0f} ms")
        print(f"`cyberkg build` of the bundled corpus once they are imported (no cache): "
              f"{build_s * 1000:.0f} ms; {pairs[0][2]} triples")
        print(f"build / imports, run by run: median {statistics.median(ratios):.2f} "
              f"(from {min(ratios):.2f} to {max(ratios):.2f})")
        print(f"`cyberkg build` of the bundled corpus, whole process (no cache): "
              f"{statistics.median(commands) * 1000:.0f} ms")
        helps = [timed([sys.executable, "-m", "cyberkg.cli", "--help"]) for _ in range(args.repeat)]
        print(f"`cyberkg --help` (whole process): {statistics.median(helps) * 1000:.0f} ms")
        print()
        print("| documents | build s | documents/s | triples | triples/s | ms per document "
              "| peak RSS MB: build + store helper |")
        print("|---|---|---|---|---|---|---|")
        per_doc = {}
        for size in args.sizes:
            folder = root / f"docs{size}"
            write_corpus(folder, size)
            result = json.loads(run(BUILD, str(folder), str(root / f"out{size}")))
            per_doc[size] = result["build"] / size
            print(f"| {size} | {result['build']:.2f} | {size / result['build']:.0f} | "
                  f"{result['triples']} | {result['triples'] / result['build']:.0f} | "
                  f"{per_doc[size] * 1000:.1f} | {result['rss_mb']:.0f} + "
                  f"{result['helper_rss_mb']:.0f} |", flush=True)
        if 100 in per_doc and max(per_doc) > 100:
            top = max(per_doc)
            print(f"\ncost per document at {top} / at 100: {per_doc[top] / per_doc[100]:.2f}")


if __name__ == "__main__":
    main()
