#!/usr/bin/env python3
"""Time from process start to the explorer's first drawn screen, in a pseudo-terminal.

Usage: bench/first_screen.py BINARY [ARGS...]   (prints milliseconds; runs 10 times)
The first screen counts as drawn when the status line (`N/M events`) has arrived.
"""
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

def once(argv):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    # A 120x40 terminal: a fresh pty is 0x0, which the explorer would call too small.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    buf = b""
    elapsed = None
    while time.perf_counter() - start < 20:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            buf += chunk
            if chunk.startswith(b"\x1b[6n") or b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            if b"events" in buf:
                elapsed = (time.perf_counter() - start) * 1000
                break
    os.kill(pid, signal.SIGTERM)
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return elapsed

if __name__ == "__main__":
    times = [once(sys.argv[1:]) for _ in range(10)]
    ok = [t for t in times if t is not None]
    if not ok:
        sys.exit("the explorer drew no screen within 20 s")
    print(f"first screen: median {statistics.median(ok):.1f} ms, max {max(ok):.1f} ms, "
          f"{len(ok)}/10 runs drew")
