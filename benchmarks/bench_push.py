"""`cyberkg push` into an on-disk Oxigraph server: first upload, a push with nothing changed, and
forced re-uploads (every graph cleared and loaded again), with the size of the server's database.

    python benchmarks/bench_push.py                 # 100,000 triples, 5 forced pushes
    python benchmarks/bench_push.py 1000000 3

Repeating CLEAR + load on an on-disk Oxigraph server makes it grow and slow down (see
../shared/MEASUREMENTS.md); a push with nothing changed sends nothing, which is why the default is
to send only the graphs that changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_graph import generate


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    from cyberkg.ontology.store import new_store
    from cyberkg.queries.push import push
    from cyberkg.queries.serve import free_port, oxigraph_executable, wait_for_port

    triples = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    forced = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    work = Path(tempfile.mkdtemp(prefix="bench-push-"))
    try:
        quads = generate(triples)
        with new_store(work / "out") as store:
            store.extend(quads)
        graphs = len({q.graph_name for q in quads})
        port = free_port()
        server = subprocess.Popen([oxigraph_executable(), "serve", "--location", str(work / "db"),
                                   "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_port("127.0.0.1", port, time.monotonic() + 15, server)
            base = f"http://127.0.0.1:{port}"
            print("| push | graphs sent | triples | requests | seconds | database (MB) |")
            print("|---|---:|---:|---:|---:|---:|")
            runs = [("first", False), ("nothing changed", False)] + \
                [(f"forced #{i + 1}", True) for i in range(forced)]
            for label, force in runs:
                report = push(work / "out", f"{base}/query", graph_store=f"{base}/store",
                              force=force)
                print(f"| {label} | {len(report.sent)} of {graphs} | {report.triples:,} | "
                      f"{report.requests} | {report.seconds:.2f} | {size_mb(work / 'db'):.0f} |",
                      flush=True)
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
