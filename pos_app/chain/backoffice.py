"""The back office: one HTTPS-fronted URL receiving QFPay's notifications for every till.

QFPay sends notifications to one URL per app code, on port 80 or 443, which a till behind a
shop's router rarely has.  Head office runs this service (Starlette on uvicorn, psycopg's
async pool), usually behind the merchant's TLS reverse proxy::

    qfpay-pos --env prod backoffice serve --database postgresql://bo@db/headoffice \
        --bind 127.0.0.1:8080

``POST /qfpay/notify`` answers ``200 SUCCESS`` only after the notification is committed
(see :mod:`pos_app.chain.notifications`); anything it cannot verify or read gets a 4xx with
``FAIL`` and a logged reason, so QFPay retries and an operator can see why.  ``GET /health``
says whether the database answers.  The schema is created or migrated before serving.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from pos_app.chain.database import find_password
from pos_app.chain.notifications import (
    MAX_BODY,
    NotificationRefusedError,
    parse_notification,
    store,
)
from pos_app.qfpay.signing import HEADER_SIGN, verify_notification

logger = logging.getLogger("pos_app.chain.backoffice")

NOTIFY_PATH = "/qfpay/notify"


def create_app(
    dsn: str, client_key: str, *, password: str | None = None, pool_size: int = 8
) -> Any:
    """The ASGI application; the pool opens on start-up and closes on shutdown."""
    from psycopg_pool import AsyncConnectionPool  # noqa: PLC0415
    from starlette.applications import Starlette  # noqa: PLC0415
    from starlette.requests import Request  # noqa: PLC0415
    from starlette.responses import JSONResponse, PlainTextResponse  # noqa: PLC0415
    from starlette.routing import Route  # noqa: PLC0415

    if not client_key:
        raise ValueError("the back office needs the client key to check notifications")
    secret = password if password is not None else find_password(dsn)
    kwargs: dict[str, Any] = {"connect_timeout": 5, "application_name": "qfpay-pos-backoffice"}
    if secret:
        kwargs["password"] = secret
    pool = AsyncConnectionPool(
        dsn,
        min_size=1,
        max_size=pool_size,
        kwargs=kwargs,
        open=False,
        timeout=3,  # a database that is down must get QFPay a prompt "not yet"
        # A head office database restarted under us must not cost QFPay a retry cycle.
        check=AsyncConnectionPool.check_connection,
    )

    def refuse(request: Request, reason: str, status: int) -> PlainTextResponse:
        peer = request.client.host if request.client else "?"
        logger.warning("notification refused (%s) from %s: %s", status, peer, reason)
        return PlainTextResponse("FAIL", status_code=status)

    async def notify(request: Request) -> PlainTextResponse:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return refuse(request, "body too large", 413)
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return refuse(request, "body too large", 413)
        signature = request.headers.get(HEADER_SIGN, "")
        if not signature:
            return refuse(request, f"no {HEADER_SIGN} header", 401)
        if not verify_notification(raw, client_key, signature):
            return refuse(request, "signature does not match the body and client key", 401)
        try:
            note = parse_notification(raw)
        except NotificationRefusedError as exc:
            return refuse(request, exc.reason, exc.status)
        try:
            async with pool.connection() as conn:
                stored = await store(conn, note, raw)
        except Exception as exc:  # not committed: QFPay must retry later
            logger.error("notification %s not stored: %s", note.out_trade_no, exc)
            return PlainTextResponse("FAIL", status_code=503)
        if stored.conflict:
            logger.warning(
                "notification %s/%s repeats a stored one with another amount or currency; "
                "the first copy is kept",
                note.notify_type,
                note.out_trade_no,
            )
        elif not stored.inserted:
            logger.info("notification %s repeated (already stored)", note.out_trade_no)
        return PlainTextResponse("SUCCESS")

    async def health(request: Request) -> JSONResponse:
        try:
            async with pool.connection(timeout=3) as conn:
                await conn.execute("SELECT 1")
        except Exception as exc:
            return JSONResponse({"database": f"down: {type(exc).__name__}"}, status_code=503)
        return JSONResponse({"database": "ok"})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.open(wait=True, timeout=30)
        try:
            yield
        finally:
            await pool.close()

    return Starlette(
        routes=[
            Route(NOTIFY_PATH, notify, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        lifespan=lifespan,
    )


def parse_bind(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (IPv6 as ``[::1]:8080``) -> (host, port); ValueError if malformed."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--bind must be HOST:PORT, not {text!r}")
    return host, int(port)


def build_server(app: Any, bind: str, *, log_level: str = "warning") -> Any:
    """A uvicorn server for ``app`` on ``bind`` (``server.run()`` blocks until stopped)."""
    import uvicorn  # noqa: PLC0415

    host, port = parse_bind(bind)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        lifespan="on",
        proxy_headers=True,
        server_header=False,
        access_log=False,
    )
    return uvicorn.Server(config)
