"""A built site served on the loopback address the way a static host serves it.

HTTP/1.1 with keep-alive, and ``Cache-Control: max-age=600`` on every file, as GitHub
Pages sends it. With http.server's defaults (HTTP/1.0, no Cache-Control) every file of
every page load opened a connection of its own, and Chromium revalidated the stylesheets
on most loads: 594 of the 691 requests of the walk without JavaScript were answered
"304 Not Modified", each by a thread sharing the test process's interpreter.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CACHE_CONTROL = "max-age=600"  # GitHub Pages' header for every file


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # one connection for many files (http.server sends Content-Length)
    headers_to_add: Mapping[str, str] = {}  # set per server on a subclass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        for name, value in self.headers_to_add.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that cancels a request breaks the pipe; that is not a test failure."""


@dataclass(frozen=True)
class Served:
    """A site being served: its base URL (ending in /) and how to stop it."""

    url: str
    _server: _Server

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def serve(directory: Path, headers: Mapping[str, str] | None = None) -> Served:
    """Serve ``directory`` on a free loopback port, adding ``headers`` to every response
    (e.g. the ones a site's ``_headers`` file asks its host for)."""
    handler = type("Handler", (_Handler,), {"headers_to_add": dict(headers or {})})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(f"http://127.0.0.1:{server.server_address[1]}/", server)
