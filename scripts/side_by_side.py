#!/usr/bin/env python3
"""mentorplan side by side with vim and nano, on the large record and its 2x, 4x and 8x scales.

Prints two Markdown tables: every row of issue 11's comparison (start to first full frame,
`mentorplan meeting` to first frame, `note x` against vim/nano appending a line and writing,
key to screen in a 10 kB plan field, bytes written per typed character, peak memory at the first
frame), and how first frame, `note` and meeting start grow with the record.

Timings are hyperfine's, interleaved: every group of commands is run in each of --rounds rounds,
so that a change of load on the shared machine falls on all of them alike. Full-screen programs
run in a fresh 80x24 pseudo-terminal (examples/pty_run.rs); "pty alone" is that wrapper running
`true`, subtracted in the "net" figures. Commands that write start each run from a fresh copy
(hyperfine --prepare, not timed). vim and nano open the record's own Markdown export
(`export --section all --include-confidential`); vim runs as `vim -u NONE -N`.

Called by scripts/bench, which builds the binaries; not run in CI.

    scripts/side_by_side.py --bin BIN --pty-run PTY_RUN --gen-large GEN --work DIR
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VIM = "vim -u NONE -N"


def load():
    return open("/proc/loadavg").read().split()[0]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def hyperfine(commands, prepare, runs, warmup, out):
    """Runs hyperfine on {name: command}; returns {name: [seconds...]}."""
    args = ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
            "--export-json", out]
    if prepare:
        args += ["--prepare", prepare]
    for name, cmd in commands.items():
        args += ["-n", name, cmd]
    # Its outlier warnings are expected on a shared machine; anything else is shown.
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"hyperfine failed:\n{done.stderr}")
    return {r["command"]: r["times"] for r in json.load(open(out))["results"]}


def keystrokes(setup, command, typed):
    """keystroke_bytes.py's answers to each of `typed`."""
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "keystroke_bytes.py"), "--json", "--setup", *setup,
         "--type", typed, "--", *command],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)["typed"]


def peak_rss(pty_run, command, out, keys=None, repeat=3):
    """Median peak RSS in kB (GNU time, into the file `out`) of `command` run in the pty."""
    got = []
    wrap = [pty_run] + (["--keys", keys] if keys else []) + ["--"]
    for _ in range(repeat):
        run(wrap + ["/usr/bin/time", "-f", "%M", "-o", out] + command)
        got.append(int(open(out).read().split()[-1]))
    return statistics.median(got)


def ms(times):
    return statistics.median(times) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--pty-run", required=True)
    ap.add_argument("--gen-large", required=True)
    ap.add_argument("--work", required=True, help="an empty scratch directory")
    ap.add_argument("--runs", type=int, default=10, help="runs per command per round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scales", default="1,2,4,8")
    a = ap.parse_args()

    os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", MENTORPLAN_TODAY="2026-03-02")
    for k in ("NO_COLOR", "COLORTERM", "TMUX"):
        os.environ.pop(k, None)
    w, pty, mp = a.work, a.pty_run, a.bin
    scales = [int(s) for s in a.scales.split(",")]

    sizes = {}
    for s in scales:
        d = f"{w}/data-{s}"
        run([a.gen_large, d, str(s)], stderr=subprocess.DEVNULL)
        sizes[s] = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)
    record_md = f"{w}/record.md"
    run([mp, "--data-dir", f"{w}/data-1", "export", "--section", "all",
         "--include-confidential", "--format", "md", "-o", record_md], stderr=subprocess.DEVNULL)
    print(f"records: " + ", ".join(f"{s}x {sizes[s] / 1e6:.1f} MB" for s in scales)
          + f"; record.md (1x, all sections with the confidential ones) "
          f"{os.path.getsize(record_md):,} bytes")

    # Each group runs on its own scratch copy, made afresh before every run.
    groups = {}
    for s in scales:
        d, md = f"{w}/run-{s}", f"{w}/run-{s}.md"
        q = shlex.quote
        prep = f"sh -c {q(f'rm -rf {d} && cp -a {w}/data-{s} {d} && cp {record_md} {md}')}"
        cmds = {
            f"{s}x mentorplan first frame": f"{pty} -- {mp} --data-dir {d} --exit-after-first-frame",
            f"{s}x mentorplan meeting": f"{pty} -- {mp} --data-dir {d} --exit-after-first-frame meeting",
            f"{s}x mentorplan note x": f"{mp} --data-dir {d} note x",
        }
        if s == 1:
            cmds.update({
                "pty alone": f"{pty} -- true",
                "vim first frame": f"{pty} -- {VIM} -c 'redraw|q' {md}",
                "nano first frame": f"{pty} --ctrl-x -- nano {md}",
                "vim at the end": f"{pty} -- {VIM} + -c 'redraw|q' {md}",
                "nano at the end": f"{pty} --ctrl-x -- nano +999999 {md}",
                "vim append and write": f"{pty} -- {VIM} -c \"$put ='x'\" -c wq {md}",
                "nano append and write": f"{pty} --keys 'x\\x13\\x18' -- nano +999999 {md}",
            })
        groups[s] = (cmds, prep)

    times, loads = {}, []
    for r in range(a.rounds):
        for s, (cmds, prep) in groups.items():
            loads.append(load())
            got = hyperfine(cmds, prep, a.runs, 3 if r == 0 else 1, f"{w}/hf-{s}-{r}.json")
            for name, t in got.items():
                times.setdefault(name, []).extend(t)
    print(f"hyperfine: {a.rounds} rounds x {a.runs} runs per command, interleaved by group; "
          f"load (1 min) at each group: {' '.join(loads)}")

    # Typing: the 10 kB Key Targets of the latest plan with the cursor at its end, against
    # vim and nano at the end of record.md. The first key changes more ("unsaved", the mode
    # line); the others are the steady cost.
    typed = "abcdefghijklmnopqrstu"
    run(["cp", "-a", f"{w}/data-1", f"{w}/kb"])
    for f in ("kb-vim.md", "kb-nano.md"):
        run(["cp", record_md, f"{w}/{f}"])
    kb_load = load()
    kb = {
        # The Plan, Esc (its first row takes typing), End (the last section, typed in at
        # once), then Shift-Tab seven times to Key Targets: the focus types where it lands.
        "mentorplan": keystrokes(["5", "\\x1b", "\\x1b[F"] + ["\\x1b[Z"] * 7, [mp, "--data-dir", f"{w}/kb"], typed),
        "vim": keystrokes(["G", "o"], VIM.split() + [f"{w}/kb-vim.md"], typed),
        "nano": keystrokes([], ["nano", "+999999", f"{w}/kb-nano.md"], typed),
    }

    rss_load = load()
    rss_out = f"{w}/rss"
    rss = {
        "mentorplan": peak_rss(pty, [mp, "--data-dir", f"{w}/data-1", "--exit-after-first-frame"], rss_out),
        "vim": peak_rss(pty, VIM.split() + ["-c", "redraw|q", record_md], rss_out),
        "nano": peak_rss(pty, ["nano", record_md], rss_out, keys="\\x18"),
    }

    base = ms(times["pty alone"])

    def net(name, pty_used=True):
        t = ms(times[name])
        return f"{t:.1f} ms ({t - base:.1f})" if pty_used else f"{t:.1f} ms"

    def steady(p, key):
        # A key the program did not answer (its keys changed under the setup) has no figure.
        got = [x[key] for x in kb[p][1:] if x[key] is not None]
        return statistics.median(got) if got else float("nan")

    print()
    print("| measure (median; in brackets, minus the pty's "
          f"{base:.1f} ms) | mentorplan | vim -u NONE -N | nano |")
    print("|---|---|---|---|")
    print(f"| start to first full frame | {net('1x mentorplan first frame')} | "
          f"{net('vim first frame')} | {net('nano first frame')} |")
    print(f"| `mentorplan meeting` to first frame (vim, nano: opened at the end) | "
          f"{net('1x mentorplan meeting')} | {net('vim at the end')} | {net('nano at the end')} |")
    print(f"| `note x`, whole process (vim, nano: append a line and write) | "
          f"{net('1x mentorplan note x', False)} (no pty) | {net('vim append and write')} | "
          f"{net('nano append and write')} |")
    print("| key to screen, typing at the end of a 10 kB plan field (vim, nano: of record.md); "
          "median of keys 2-21, to the last byte | "
          + " | ".join(f"{steady(p, 'last_ms'):.2f} ms" for p in kb) + " |")
    print("| bytes written per typed character (first key; then the median of the next 20) | "
          + " | ".join(f"{kb[p][0]['bytes']:,}; {steady(p, 'bytes'):.0f}" for p in kb) + " |")
    print("| peak memory (RSS), first frame | "
          + " | ".join(f"{rss[p]:,.0f} kB" for p in rss) + " |")
    print(f"\n(typing at load {kb_load}, memory at load {rss_load})")

    print()
    print("| record | size | first frame | `mentorplan meeting` | `note x` |")
    print("|---|---|---|---|---|")
    for s in scales:
        print(f"| {s}x | {sizes[s] / 1e6:.1f} MB | {ms(times[f'{s}x mentorplan first frame']):.1f} ms | "
              f"{ms(times[f'{s}x mentorplan meeting']):.1f} ms | "
              f"{ms(times[f'{s}x mentorplan note x']):.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
