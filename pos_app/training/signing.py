"""The gateway's own signature code, written from 001 (not shared with the client).

The training gateway must be able to catch the client's signing mistakes, so it does not
borrow ``pos_app.qfpay.signing``: a bug there would sign and verify alike on both sides and
never show.  What 001 says (l. 43-56, 215-250, 2184-2222):

* a request is signed by sorting its parameters by name, joining ``name=value`` with ``&``,
  appending the client key, and hashing: MD5 by default, SHA256 when the request carries
  ``X-QF-SIGNTYPE: SHA256``; the samples send the digest as upper-case hex.  The gateway
  signs the parameters *exactly as received*, empty values included, as 001's sample does;
* asynchronous notifications are signed as MD5 over the raw body followed by the key, in
  ``X-QF-SIGN``.  001 says nothing about answers; the gateway signs its answers the same
  way as notifications (over the body), with the request's algorithm.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Literal

SignType = Literal["MD5", "SHA256"]

HEADER_APPCODE = "X-QF-APPCODE"
HEADER_SIGN = "X-QF-SIGN"
HEADER_SIGNTYPE = "X-QF-SIGNTYPE"


def parse_sign_type(value: str | None) -> SignType:
    """``X-QF-SIGNTYPE``: absent or empty means MD5; SHA256 must be asked for by name."""
    if value is None or not value.strip():
        return "MD5"
    upper = value.strip().upper()
    if upper == "MD5":
        return "MD5"
    if upper == "SHA256":
        return "SHA256"
    raise ValueError(f"unsupported signature type {value!r}")


def _digest(data: bytes, sign_type: SignType) -> str:
    if sign_type == "SHA256":
        return hashlib.sha256(data).hexdigest().upper()
    return hashlib.md5(data, usedforsecurity=False).hexdigest().upper()


def string_to_sign(params: Mapping[str, str]) -> str:
    """Sorted ``name=value`` pairs joined by ``&`` (before the key is appended)."""
    return "&".join(f"{name}={params[name]}" for name in sorted(params))


def sign_params(params: Mapping[str, str], key: str, sign_type: SignType = "MD5") -> str:
    """A request's signature over its parameters as received."""
    return _digest((string_to_sign(params) + key).encode("utf-8"), sign_type)


def sign_body(body: bytes, key: str, sign_type: SignType = "MD5") -> str:
    """A body signature (answers and notifications): digest of the raw bytes plus the key."""
    return _digest(body + key.encode("utf-8"), sign_type)


def _same(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), given.strip().upper().encode("utf-8"))


def verify_params(
    params: Mapping[str, str], key: str, signature: str, sign_type: SignType = "MD5"
) -> bool:
    """Constant-time check of a request signature (hex case does not matter)."""
    return _same(sign_params(params, key, sign_type), signature)


def verify_body(body: bytes, key: str, signature: str, sign_type: SignType = "MD5") -> bool:
    """Constant-time check of a body signature."""
    return _same(sign_body(body, key, sign_type), signature)
