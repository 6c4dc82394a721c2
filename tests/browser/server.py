"""Loopback HTTP servers on 127.0.0.1, in a thread, for the duration of a `with` block."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` over HTTP on a free local port; yield its base URL (ending in a slash)."""
    with serve_handler(functools.partial(_QuietHandler, directory=str(directory))) as url:
        yield url


@contextmanager
def serve_handler(handler: Any) -> Iterator[str]:
    """Run `handler` (a request handler class or factory) on a free local port; yield the base URL (ending in a slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
