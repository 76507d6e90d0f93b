"""A bare socket server on 127.0.0.1, plain or TLS, whose answers a test scripts byte by byte.

It counts the connections it accepts and notes the head of every request that reached it,
so a test can say "one connection served them all" or "not one request byte arrived".  TLS
runs through a memory BIO, so an answer's TLS records can be cut into pieces on the wire
(the client must then resume a read in the middle of a record), and the handshake itself can
be held back.  The certificates are made here (a throwaway CA and a server certificate for
127.0.0.1) and trusted through the client's ``ca_bundle``: verification stays on.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

BODY = b'{"respcd": "0000"}'


class Peer:
    """One accepted connection; with TLS, records go through memory BIOs we control."""

    def __init__(self, sock: socket.socket, tls: ssl.SSLContext | None) -> None:
        self.sock = sock
        self._tls: ssl.SSLObject | None = None
        if tls is not None:
            self._in, self._out = ssl.MemoryBIO(), ssl.MemoryBIO()
            self._tls = tls.wrap_bio(self._in, self._out, server_side=True)
            self._pump(self._tls.do_handshake)

    def _pump(self, op: Callable[[], bytes | None]) -> bytes | None:
        while True:
            try:
                result = op()
            except ssl.SSLWantReadError:
                self._flush()
                data = self.sock.recv(65536)
                if not data:
                    raise ConnectionError("closed during TLS") from None
                self._in.write(data)
                continue
            self._flush()
            return result

    def _flush(self) -> None:
        out = self._out.read()
        if out:
            self.sock.sendall(out)

    def recv(self) -> bytes:
        if self._tls is None:
            return self.sock.recv(65536)
        tls = self._tls
        try:
            return self._pump(lambda: tls.read(65536)) or b""
        except (ssl.SSLZeroReturnError, ssl.SSLEOFError, ConnectionError):
            return b""

    def send(self, data: bytes, *, pieces: int = 1, gap: float = 0.0) -> None:
        """Send ``data`` (as TLS records when TLS is on) cut into ``pieces`` on the wire."""
        if self._tls is not None:
            self._tls.write(data)
            data = self._out.read()
        step = max(1, -(-len(data) // pieces))
        for start in range(0, len(data), step):
            if start and gap:
                time.sleep(gap)
            self.sock.sendall(data[start : start + step])


#: What a server does with one request: answer on ``peer``; True keeps the connection open.
Handler = Callable[["RawServer", Peer, bytes, bytes], bool]


def read_request(peer: Peer, buffer: bytearray) -> tuple[bytes, bytes] | None:
    """The next request's head and body, or None at the end of the connection."""
    while b"\r\n\r\n" not in buffer:
        data = peer.recv()
        if not data:
            return None
        buffer += data
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        data = peer.recv()
        if not data:
            return None
        rest += data
    buffer[:] = rest[length:]
    return head, rest[:length]


def answer(body: bytes = BODY, *, extra: bytes = b"") -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n%s" % (len(body), extra, body)


class RawServer:
    """Serves ``handler`` on 127.0.0.1 until closed (a context manager)."""

    def __init__(
        self,
        handler: Handler,
        *,
        tls: ssl.SSLContext | None = None,
        handshake_delay: float = 0.0,
        backlog: int = 16,
        accepting: bool = True,
    ) -> None:
        self.handler = handler
        self.tls = tls
        self.handshake_delay = handshake_delay
        self.stop = threading.Event()
        self.connections = 0
        #: Connections served to their end (the client closed, or the handler stopped).
        self.finished = 0
        self.heads: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=backlog)
        self.port = self.listener.getsockname()[1]
        if accepting:
            threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def __enter__(self) -> RawServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        with contextlib.suppress(OSError):  # wakes a blocked accept(); close alone does not
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self.serve, args=(sock,), daemon=True).start()

    def serve(self, sock: socket.socket) -> None:
        """Serve one accepted connection to its end."""
        with sock:
            try:
                if self.handshake_delay:
                    self.stop.wait(self.handshake_delay)
                peer = Peer(sock, self.tls)
                buffer = bytearray()
                while (request := read_request(peer, buffer)) is not None:
                    self.heads.append(request[0])
                    if not self.handler(self, peer, *request):
                        return
            except (OSError, ssl.SSLError):
                return
            finally:
                self.finished += 1

    def wait_finished(self, count: int, limit: float = 10.0) -> None:
        """Wait (bounded) until ``count`` connections were served to their end."""
        end = time.monotonic() + limit
        while self.finished < count and time.monotonic() < end:
            time.sleep(0.02)
        assert self.finished >= count


# -- handlers ------------------------------------------------------------------------------


def quick(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
    peer.send(answer())
    return True


def dribbler(pieces: int, gap: float) -> Handler:
    """The whole answer cut into ``pieces``, ``gap`` seconds apart; most of it is one long
    header, so the wait is inside httpcore's reading of the head, not between body chunks."""
    pad = b"X-Pad: " + b"y" * 2000 + b"\r\n"

    def handler(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
        content = b'{"respcd": "0000", "pad": "' + b"x" * 200 + b'"}'
        peer.send(answer(content, extra=pad), pieces=pieces, gap=gap)
        return True

    return handler


def stall_after_headers(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
    """Promises 100 bytes, sends 5, then nothing until the server closes."""
    peer.send(b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"res')
    server.stop.wait(30)
    return False


def flood(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
    """An answer with no length that goes on far past any cap."""
    peer.send(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
    chunk = b"x" * 65536
    for _ in range(256):  # 16 MiB at most, then give up
        if server.stop.is_set():
            break
        peer.send(chunk)
    return False


def forwarder(target_port: int) -> Handler:
    """An HTTP forward proxy (absolute-form request line) to 127.0.0.1:``target_port``."""

    def handler(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
        line, _, rest = head.partition(b"\r\n")
        method, url, version = line.split(b" ")
        path = b"/" + url.split(b"/", 3)[3]
        out = b"%s %s %s\r\n%s\r\nConnection: close\r\n\r\n%s" % (method, path, version, rest, body)
        with socket.create_connection(("127.0.0.1", target_port), timeout=10) as upstream:
            upstream.sendall(out)
            reply = read_request(Peer(upstream, None), bytearray())  # an answer reads alike
        if reply is None:
            return False
        peer.send(reply[0] + b"\r\n\r\n" + reply[1])
        return True

    return handler


# -- certificates --------------------------------------------------------------------------


def tls_files(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """A throwaway CA (its PEM file, for the client to trust) and a server context whose
    certificate that CA signed for 127.0.0.1 and localhost."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "till test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path = folder / "ca.pem"
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_path = folder / "server.pem"
    cert_path.write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_path)
    return ca_path, server
