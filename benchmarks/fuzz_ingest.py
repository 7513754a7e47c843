"""Fuzz the HTML and JSON Lines readers with atheris for a bounded time.

    python benchmarks/fuzz_ingest.py [--seconds 600] [--crashes DIR]

Each input is read through ``factwire.ingest.read_bytes`` as a ``.html`` or a ``.jsonl``
file (the first byte picks which). A reader may only yield ``Article`` objects (with text)
or ``FactwireError`` objects naming the input; anything else it raises or yields is a crash.
Crashes do not stop the run: each is saved under ``--crashes`` (default
``$TMPDIR/factwire-fuzz-crashes``: the input as ``.bin``, the traceback as ``.txt``) and
counted; every crash found belongs in ``tests/test_hostile_inputs.py`` as a regression test.

At the end (``--seconds`` of fuzzing, enforced by libFuzzer's ``-max_total_time``) the script
prints the executions run and the crashes found. Needs ``atheris`` (pip install atheris).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
import traceback
from importlib.metadata import version
from pathlib import Path

try:
    import atheris
except ImportError:  # pragma: no cover - the message is the point
    sys.exit("fuzz_ingest.py needs atheris: .venv/bin/pip install atheris")

with atheris.instrument_imports(include=["factwire"]):
    from factwire.errors import FactwireError
    from factwire.ingest import read_bytes
    from factwire.model import Article

MAX_INPUT = 1 << 16
NAMES = ("fuzz.html", "fuzz.jsonl")

SEEDS = (
    b"\x00<!doctype html><html><head><title>Floods</title><meta charset='utf-8'></head>"
    b"<body><article><p>Floods hit the valley on Tuesday, officials said.</p>"
    b"<p>\"We lost everything,\" said Ana Diaz.</p></article></body></html>",
    b"\x00<p>Floods killed <b>12</b> people.</p><script>alert(1)</script>",
    b"\x01" + json.dumps({"id": "1", "text": "Floods hit the valley on Tuesday.",
                          "published": "2025-04-02", "title": "Floods"}).encode()
    + b"\n{not json}\n"
    + json.dumps({"html": "<p>Police arrested 40 people.</p>", "url": "https://x.org/a"})
    .encode() + b"\n",
    b"\x01{\"text\": \"\\ud800 lone surrogate\", \"published\": \"Tue, 01 Apr 2025 10:00:00 GMT\"}\n",
)


class Stats:
    """Executions and crashes, written to ``path`` every second and at the end."""

    def __init__(self, crashes: Path):
        self.crashes = crashes
        self.executions = 0
        self.found: dict[str, str] = {}  # crash signature -> saved input file
        self.started = time.monotonic()
        self.written = 0.0

    def save(self) -> None:
        summary = {"executions": self.executions, "crashes": len(self.found),
                   "seconds": round(time.monotonic() - self.started, 1),
                   "crash_files": sorted(self.found.values())}
        (self.crashes / "summary.json").write_text(json.dumps(summary, indent=1))
        self.written = time.monotonic()

    def crash(self, data: bytes, error: BaseException | str) -> None:
        detail = error if isinstance(error, str) else "".join(
            traceback.format_exception(error, limit=-3))
        signature = hashlib.sha1(detail.splitlines()[-1].encode()).hexdigest()[:12] \
            if not isinstance(error, BaseException) else \
            f"{type(error).__name__}-{_frame(error)}"
        if signature not in self.found:
            path = self.crashes / f"crash-{signature}.bin"
            path.write_bytes(data)
            (self.crashes / f"crash-{signature}.txt").write_text(detail)
            self.found[signature] = path.name
            print(f"CRASH {signature}: {detail.splitlines()[-1]}", file=sys.stderr, flush=True)
            self.save()


def _frame(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    last = frames[-1] if frames else None
    return f"{Path(last.filename).stem}:{last.lineno}" if last else "?"


def check(data: bytes, stats: Stats) -> None:
    """Read ``data`` as HTML or JSON Lines; record anything a reader must not do."""
    if not data:
        return
    name = NAMES[data[0] % 2]
    body = data[1:]
    try:
        for item in read_bytes(body, name):
            if isinstance(item, Article):
                if not item.text.strip():
                    stats.crash(data, f"{name}: an Article without text")
            elif isinstance(item, FactwireError):
                if not str(item).startswith(name):
                    stats.crash(data, f"{name}: error does not name the input: {item}")
            else:
                stats.crash(data, f"{name}: yielded {type(item).__name__}")
    except Exception as error:  # noqa: BLE001 - every raised exception is a finding
        stats.crash(data, error)


def run_and_report(args: argparse.Namespace, rest: list[str]) -> None:
    """Fuzz in a child process (libFuzzer exits the process when done), then print totals."""
    command = [sys.executable, __file__, "--worker", f"--seconds={args.seconds}",
               f"--crashes={args.crashes}", *rest]
    code = subprocess.run(command, check=False).returncode
    summary = json.loads((args.crashes / "summary.json").read_text())
    print(f"atheris {version('atheris')}: {summary['executions']:,} executions in "
          f"{summary['seconds']} s, {summary['crashes']} crashes "
          f"(fuzzer exit code {code})")
    for name in summary["crash_files"]:
        print(f"  {args.crashes / name}")
    sys.exit(1 if summary["crashes"] else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--crashes", type=Path,
                        default=Path(tempfile.gettempdir()) / "factwire-fuzz-crashes")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    args.crashes.mkdir(parents=True, exist_ok=True)
    if not args.worker:
        run_and_report(args, rest)
        return
    stats = Stats(args.crashes)
    corpus = Path(tempfile.mkdtemp(prefix="factwire-fuzz-"))
    for number, seed in enumerate(SEEDS):
        (corpus / f"seed{number}").write_bytes(seed)

    def target(data: bytes) -> None:
        stats.executions += 1
        check(data, stats)
        if time.monotonic() - stats.written > 1.0:
            stats.save()

    print(f"fuzzing the HTML and JSON Lines readers for {args.seconds} s; "
          f"summary in {args.crashes / 'summary.json'}", file=sys.stderr)
    stats.save()
    atheris.Setup([sys.argv[0], f"-max_total_time={args.seconds}", f"-max_len={MAX_INPUT}",
                   "-timeout=60", "-rss_limit_mb=4096", *rest, str(corpus)], target)
    try:
        atheris.Fuzz()
    finally:
        stats.save()


if __name__ == "__main__":
    main()
