"""HTTP replies of the training gateway, rendered to bytes in one piece.

The till's benchmark compares a gateway round trip with a raw one, so a reply must leave in
*one* ``send``: headers written separately from the body would meet Nagle's algorithm and the
peer's delayed ACK and stall for ~40 ms.  :meth:`Reply.render` therefore builds the status
line, headers and body as a single ``bytes`` object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from typing import Any

SERVER_NAME = "QFPayTraining/1.0"


@dataclass
class Reply:
    """Status, body and extra headers of one answer."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    def render(self, *, close: bool) -> bytes:
        """Status line, headers and body as the exact bytes to send."""
        try:
            phrase = HTTPStatus(self.status).phrase
        except ValueError:
            phrase = "Unknown"
        lines = [
            f"HTTP/1.1 {self.status} {phrase}",
            f"Server: {SERVER_NAME}",
            f"Date: {formatdate(usegmt=True)}",
            f"Content-Type: {self.content_type}",
            f"Content-Length: {len(self.body)}",
        ]
        lines.extend(f"{name}: {value}" for name, value in self.headers.items())
        lines.append("Connection: close" if close else "Connection: keep-alive")
        head = "\r\n".join(lines) + "\r\n\r\n"
        return head.encode("latin-1") + self.body


def json_body(data: Any) -> bytes:
    """Compact UTF-8 JSON, the way the gateway answers."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_reply(data: Any, status: int = 200) -> Reply:
    """A JSON answer (unsigned: the caller signs trade answers)."""
    return Reply(status=status, body=json_body(data))


def text_reply(text: str, status: int, content_type: str = "text/plain; charset=utf-8") -> Reply:
    """A plain-text (or HTML) answer, e.g. what a proxy in front of the gateway would send."""
    return Reply(status=status, body=text.encode("utf-8"), content_type=content_type)
