"""The shape every contract command shares (`tdkt rules check`, `tdkt scoring compute`): read a JSON
file or standard input, print JSON, or exit 2 with one line on stderr. No Django import, so the
commands start fast."""

import json
import sys
from collections.abc import Callable


def _read(path: str) -> bytes:
    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    with open(path, "rb") as handle:
        return handle.read()


def _write(text: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def fail(prog: str, message: str) -> int:
    print(f"{prog}: {' '.join(message.split())}", file=sys.stderr)
    return 2


def run_json_command(*, prog: str, path: str, compute: Callable[[bytes], object], input_error: type[Exception]) -> int:
    """Run `compute` on the input's bytes; `input_error` (with `one_line()`) means malformed input."""
    try:
        raw = _read(path)
    except OSError as exc:
        return fail(prog, f"không đọc được {path}: {exc.strerror or exc}")
    try:
        output = compute(raw)
    except input_error as exc:
        return fail(prog, exc.one_line())
    _write(json.dumps(output, ensure_ascii=False, indent=2) + "\n")
    return 0
