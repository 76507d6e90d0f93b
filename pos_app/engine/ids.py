"""Order numbers that are unique across every till of a merchant, forever.

QFPay requires ``out_trade_no`` to be unique across all payments *and* refunds of a merchant.
Two tills may act in the same second, and a till's clock may jump back, so time alone is not
enough: the till id separates tills and 64 bits of randomness separate attempts on one till.
A number is never reused: a retry after a decline gets a fresh one, because the gateway
remembers the old one.
"""

from __future__ import annotations

import re
import secrets
import time

_SAFE = re.compile(r"[^A-Za-z0-9]")
MAX_OUT_TRADE_NO = 128
_TILL_PART = 24


def till_part(till_id: str) -> str:
    """The till id reduced to the alphanumerics the gateway accepts (never empty)."""
    cleaned = _SAFE.sub("", till_id)[:_TILL_PART]
    if not cleaned:
        raise ValueError("the till id needs at least one letter or digit")
    return cleaned.upper()


def new_out_trade_no(till_id: str, now: float | None = None) -> str:
    """Till id + UTC time to the millisecond + 16 hex digits of randomness (≤ 52 chars)."""
    at = time.time() if now is None else now
    when = time.strftime("%Y%m%d%H%M%S", time.gmtime(at)) + f"{int((at % 1) * 1000):03d}"
    value = f"{till_part(till_id)}{when}{secrets.token_hex(8).upper()}"
    assert len(value) <= MAX_OUT_TRADE_NO and value.isalnum()
    return value


def new_sale_id(till_id: str) -> str:
    """Groups the attempts of one sale; local only, so it need not follow gateway rules."""
    return f"S{till_part(till_id)}{time.strftime('%Y%m%d%H%M%S')}{secrets.token_hex(4).upper()}"
