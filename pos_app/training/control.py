"""Control endpoints under ``/training/v1/``: how other processes drive the training gateway.

The CLI in a subprocess, the UI's trainer panel and the tests use these to do what a customer
or a broken network would do.  They exist only on the training gateway, answer only peers on
loopback, and take JSON or form-encoded bodies (or a query string):

=====================================  =====================================================
``POST /training/v1/scan``             ``out_trade_no``: the customer scans the MPM QR code
                                       and pays.
``POST /training/v1/expire``           ``out_trade_no``: the in-progress order expires now.
``POST /training/v1/faults``           ``action=add`` with ``kind``, ``endpoint``, ``times``
                                       (0 or "" = until cleared), ``delay``, ``status``,
                                       ``retry_after``, ``respcd``, ``booked`` (true/false),
                                       ``final`` (see ``faults.py``); or
                                       ``action=clear`` (optionally one ``endpoint``).
``GET  /training/v1/faults``           the armed knobs.
``POST /training/v1/notifications``    ``url`` ("" = off), ``time_scale``, ``schedule``
                                       (comma-separated seconds): asynchronous
                                       notifications (see ``notify.py``).
``GET  /training/v1/notifications``    their settings and every delivery with its attempts.
``GET  /training/v1/orders``           every order the gateway holds (``{"orders": [...]}``).
``GET  /training/v1/info``             base URL, training credentials, the wallet table.
``GET  /training/v1/qr/<token>``       the page a training QR code points at.
``POST /training/v1/qr/<token>``       "scan" that QR code (pays the order).
=====================================  =====================================================
"""

from __future__ import annotations

import html
import json
import urllib.parse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pos_app.training import wallets
from pos_app.training.replies import Reply, json_reply, text_reply

if TYPE_CHECKING:
    from pos_app.training.server import TrainingGateway

PREFIX = "/training/v1/"


def parse_control_params(body: bytes, query: str, content_type: str) -> dict[str, str]:
    """Merge a JSON or form body with the query string into plain strings."""
    result = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    if not body:
        return result
    if "json" in content_type:
        loaded = json.loads(body.decode("utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError("a JSON object was expected")
        result.update({k: "" if v is None else str(v) for k, v in loaded.items()})
    else:
        result.update(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return result


def handle(gateway: TrainingGateway, method: str, path: str, params: Mapping[str, str]) -> Reply:
    """Answer one control request (the caller has checked the peer is on loopback)."""
    name = path[len(PREFIX) :]
    try:
        if name.startswith("qr/"):
            return _qr(gateway, method, name[3:])
        route = (method, name)
        if route == ("POST", "scan"):
            order = gateway.simulate_scan(_required(params, "out_trade_no"))
            return _ok(order=order.to_dump())
        if route == ("POST", "expire"):
            order = gateway.expire(_required(params, "out_trade_no"))
            return _ok(order=order.to_dump())
        if route == ("POST", "faults"):
            return _faults(gateway, params)
        if route == ("POST", "notifications"):
            return _notifications(gateway, params)
        if route == ("GET", "notifications"):
            return _notification_state(gateway)
        if route == ("GET", "faults"):
            return _ok(faults=[fault.to_dict() for fault in gateway.faults.active()])
        if route == ("GET", "orders"):
            return _ok(orders=[order.to_dump() for order in gateway.store.all()])
        if route == ("GET", "info"):
            return _ok(**gateway.info())
    except LookupError as exc:
        return json_reply({"ok": False, "error": str(exc)}, 404)
    except ValueError as exc:
        return json_reply({"ok": False, "error": str(exc)}, 409)
    return json_reply({"ok": False, "error": f"no control endpoint {method} {path}"}, 404)


def _ok(**fields: Any) -> Reply:
    return json_reply({"ok": True, **fields})


def _required(params: Mapping[str, str], name: str) -> str:
    value = params.get(name, "")
    if not value:
        raise ValueError(f"{name} is required")
    return value


def _faults(gateway: TrainingGateway, params: Mapping[str, str]) -> Reply:
    action = params.get("action", "add")
    if action == "clear":
        gateway.faults.clear(params.get("endpoint") or None)
        return _ok(faults=[])
    if action != "add":
        raise ValueError(f"unknown action {action!r}: use add or clear")
    times_text = params.get("times", "1")
    times = int(times_text) if times_text not in ("", "0") else None
    delay_text = params.get("delay", "")
    fault = gateway.faults.add(
        _required(params, "kind"),
        endpoint=params.get("endpoint") or None,
        times=times,
        delay=float(delay_text) if delay_text else None,
        status=int(params.get("status") or 503),
        retry_after=int(params.get("retry_after") or 1),
        respcd=params.get("respcd") or None,
        booked=_flag(params.get("booked", "")),
        final=params.get("final") or "0000",
    )
    return _ok(fault=fault.to_dict())


def _notifications(gateway: TrainingGateway, params: Mapping[str, str]) -> Reply:
    scale_text = params.get("time_scale", "")
    schedule_text = params.get("schedule")
    gateway.notifications.configure(
        url=params.get("url"),
        time_scale=float(scale_text) if scale_text else None,
        schedule=(
            tuple(float(gap) for gap in schedule_text.split(",") if gap.strip())
            if schedule_text is not None
            else None
        ),
    )
    return _notification_state(gateway)


def _notification_state(gateway: TrainingGateway) -> Reply:
    notifier = gateway.notifications
    return _ok(
        settings=notifier.settings(),
        deliveries=[delivery.to_dict() for delivery in notifier.deliveries()],
    )


def _flag(text: str) -> bool:
    """A yes/no control field: 1/true/yes/on, or 0/false/no/off/empty."""
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("", "0", "false", "no", "off"):
        return False
    raise ValueError(f"{text!r} is not a yes/no value")


def _qr(gateway: TrainingGateway, method: str, token: str) -> Reply:
    order = gateway.store.by_qr_token(token)
    if order is None:
        raise LookupError("this training QR code belongs to no order")
    if method == "POST":
        return _ok(order=gateway.simulate_scan(order.out_trade_no).to_dump())
    rows = "".join(
        f"<tr><td>…{html.escape(suffix)}</td><td>{html.escape(code)}</td>"
        f"<td>{html.escape(text)}</td></tr>"
        for suffix, code, text in wallets.suffix_table()
    )
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Training QR code</title>"
        "</head><body><h1>Training payment</h1>"
        f"<p>Order {html.escape(order.out_trade_no)}: {order.txamt} {html.escape(order.txcurrcd)}"
        f" ({html.escape(order.respcd)}).</p>"
        "<form method='post'><button type='submit'>Pay as the customer</button></form>"
        f"<h2>Training payment codes</h2><table>{rows}</table></body></html>"
    )
    return text_reply(page, 200, "text/html; charset=utf-8")
