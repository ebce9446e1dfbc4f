#!/usr/bin/env python3
"""Two mentorplan binaries (before and after a change) interleaved on the same records.

For each scale, each round times the first frame (in an 80x24 pty, examples/pty_run.rs) and
`note x` of every binary in turn, each from a fresh copy of the data (the copy is not timed), so
that the shared machine's load falls on both alike. Prints medians of wall time and of CPU time
(user + system of the child, less sensitive to other processes). Not run in CI.

    scripts/ab_compare.py --before OLD_BIN --after NEW_BIN --pty-run PTY_RUN \
        --data 'WORK/data-{s}' [--scales 1,2,4,8] [--rounds 10]

`WORK/data-{s}` are records written by `gen_large DIR s` (scripts/side_by_side.py leaves them
in its --work directory).
"""

import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time


def timed(cmd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime
    return t * 1000, cpu * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--pty-run", required=True)
    ap.add_argument("--data", required=True, help="record directory, {s} standing for the scale")
    ap.add_argument("--scales", default="1,2,4,8")
    ap.add_argument("--rounds", type=int, default=10)
    a = ap.parse_args()
    os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", MENTORPLAN_TODAY="2026-03-02")
    for k in ("NO_COLOR", "COLORTERM", "TMUX"):
        os.environ.pop(k, None)
    bins = {"before": a.before, "after": a.after}
    scales = [int(s) for s in a.scales.split(",")]
    measures = ("first frame", "note x")
    got = {}
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = os.path.join(tmp, "run")
        for _ in range(a.rounds):
            for s in scales:
                for what in measures:
                    for name, b in bins.items():
                        subprocess.run(["rm", "-rf", run_dir], check=True)
                        subprocess.run(["cp", "-a", a.data.format(s=s), run_dir], check=True)
                        if what == "first frame":
                            cmd = [a.pty_run, "--", b, "--data-dir", run_dir,
                                   "--exit-after-first-frame"]
                        else:
                            cmd = [b, "--data-dir", run_dir, "note", "x"]
                        got.setdefault((s, what, name), []).append(timed(cmd))
    print("| record | measure | before: wall (CPU) | after: wall (CPU) |")
    print("|---|---|---|---|")
    for s in scales:
        for what in measures:
            cells = []
            for name in bins:
                v = got[(s, what, name)]
                wall = statistics.median(x[0] for x in v)
                cpu = statistics.median(x[1] for x in v)
                cells.append(f"{wall:.1f} ms ({cpu:.1f})")
            print(f"| {s}x | {what} | {cells[0]} | {cells[1]} |")
    print(f"load (1, 5, 15 min) at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
