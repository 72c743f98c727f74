#!/usr/bin/env python3
"""Time from process start to the explorer's first drawn screen, in a pseudo-terminal.

Usage: bench/first_screen.py [--until TEXT] BINARY [ARGS...]   (milliseconds; 10 runs)
The first screen counts as drawn when the status line (`N/M events`) has arrived. With
`--until TEXT`, the time until TEXT is on the screen instead: for example, with
`-q tallinn` on a 100k archive, `--until "2467/100000 events"` is the time until every event
is loaded and searched (this needs the `pyte` terminal emulator, `pip install pyte`, to read
the screen: the explorer redraws only the cells that change).
"""
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

def on_screen(until):
    """A test of the output so far: the bytes for the first screen, the emulated screen for
    a text that may be drawn in pieces."""
    if until == b"events":
        return lambda buf: until in buf
    import pyte
    screen = pyte.Screen(120, 40)
    stream = pyte.ByteStream(screen)
    seen = [0]
    def test(buf):
        stream.feed(buf[seen[0]:])
        seen[0] = len(buf)
        return any(until.decode() in line for line in screen.display)
    return test

def once(argv, until=b"events"):
    start = time.perf_counter()
    shown = on_screen(until)
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
            if shown(buf):
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
    args = sys.argv[1:]
    until = b"events"
    if args[:1] == ["--until"]:
        until, args = args[1].encode(), args[2:]
    times = [once(args, until) for _ in range(10)]
    ok = [t for t in times if t is not None]
    if not ok:
        sys.exit(f"{until.decode()!r} did not appear within 20 s")
    what = "first screen" if until == b"events" else repr(until.decode())
    print(f"{what}: median {statistics.median(ok):.1f} ms, max {max(ok):.1f} ms, "
          f"{len(ok)}/10 runs")
