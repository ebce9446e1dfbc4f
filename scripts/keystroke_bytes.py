#!/usr/bin/env python3
"""Bytes a terminal program writes in answer to one typed character.

Starts COMMAND in a pseudo-terminal of the given size (80x24 by default), waits until it has
drawn its screen and gone quiet, sends the --setup keys one at a time (each followed by a wait
for quiet), then types each character of --type, counting the bytes the program writes until it
has been quiet for --quiet seconds. The first character often changes more than the text (a
"modified" mark, "unsaved" in a status bar); the later ones show the steady cost.

    scripts/keystroke_bytes.py --setup '5' '\\x1b' '\\x1b[F' '\\x1b[Z' --type xy -- mentorplan
    scripts/keystroke_bytes.py --type xy -- nano /tmp/empty.md

Prints one line per typed character: `<char> <bytes> <ms to the answer's last byte> <repr of
the bytes>`; with --json, one JSON object instead (with the times to the first and the last
byte of each answer, measured from the write of the key). Setup keys are given with Python escapes ('\\r' for Enter, '\\x1b' for Esc).
Used by scripts/bench; figures in docs/performance.md.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def read_answer(fd, quiet, limit):
    """Everything `fd` yields until nothing has come for `quiet` seconds (at most `limit`),
    with the times (time.monotonic) of the first and the last piece, None when nothing came."""
    out = bytearray()
    start = time.monotonic()
    last = start
    first = None
    while True:
        now = time.monotonic()
        if now - start > limit:
            break
        remaining = quiet - (now - last)
        if remaining <= 0:
            break
        r, _, _ = select.select([fd], [], [], remaining)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the program has gone
            break
        if not chunk:
            break
        out += chunk
        last = time.monotonic()
        if first is None:
            first = last
    return bytes(out), first, (last if first is not None else None)


def read_until_quiet(fd, quiet, limit):
    return read_answer(fd, quiet, limit)[0]


def unescape(s):
    return s.encode("utf-8").decode("unicode_escape").encode("latin-1")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--settle", type=float, default=0.6, help="quiet time that ends start-up and each setup key")
    ap.add_argument("--quiet", type=float, default=0.3, help="quiet time that ends the answer to a typed character (below mentorplan's 1 s autosave)")
    ap.add_argument("--setup", nargs="*", default=[], help="keys sent before measuring")
    ap.add_argument("--type", default="x", help="characters typed and measured, one by one")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        ap.error("give the command after --")

    env = dict(os.environ)
    env.setdefault("TERM", "xterm-256color")
    env.setdefault("LANG", "C.UTF-8")
    for k in ("NO_COLOR", "COLORTERM", "TMUX"):
        env.pop(k, None)

    pid, fd = pty.fork()
    if pid == 0:
        # The child's terminal size, before it looks.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))

    start = read_until_quiet(fd, a.settle, 10)
    for key in a.setup:
        os.write(fd, unescape(key))
        read_until_quiet(fd, a.settle, 10)
    results = []
    for ch in a.type:
        sent = time.monotonic()
        os.write(fd, ch.encode())
        got, first, last = read_answer(fd, a.quiet, 5)
        ms = lambda t: None if t is None else round((t - sent) * 1000, 3)
        # Key to screen: until the first and the last byte of the answer came out of the pty.
        results.append({"char": ch, "bytes": len(got), "first_ms": ms(first),
                        "last_ms": ms(last), "raw": repr(got)})

    try:
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            read_until_quiet(fd, 0.05, 0.1)
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass

    if a.json:
        print(json.dumps({"command": cmd, "startup_bytes": len(start), "typed": results}))
    else:
        for r in results:
            print(f"{r['char']} {r['bytes']} {r['last_ms']}ms {r['raw']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
