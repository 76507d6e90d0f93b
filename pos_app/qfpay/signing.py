"""Request, response and notification signatures, in one place.

QFPay signs a request by sorting its parameters by name, joining ``k=v`` pairs with ``&``,
appending the client key, and hashing (MD5 by default, SHA256 when the request carries
``X-QF-SIGNTYPE: SHA256``), upper-case hex.  Values are signed exactly as they are sent:
nothing is URL-encoded before signing, so a value may itself contain ``&`` or ``=``.

One document signs empty values and another skips them.  We never *send* an empty or absent
value, so both readings agree on what we sign: :func:`clean_params` is applied before both
signing and sending, by the client and by the training gateway alike.

Responses (when the gateway sends ``X-QF-SIGN`` back) and asynchronous notifications are
signed over the raw body bytes followed by the key; they are compared in constant time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

SignType = Literal["MD5", "SHA256"]
SIGN_TYPES: tuple[SignType, ...] = ("MD5", "SHA256")

#: Header names, spelled once.
HEADER_APPCODE = "X-QF-APPCODE"
HEADER_SIGN = "X-QF-SIGN"
HEADER_SIGNTYPE = "X-QF-SIGNTYPE"


def parse_sign_type(value: str | None) -> SignType:
    """Map the optional ``X-QF-SIGNTYPE`` header to an algorithm (absent means MD5)."""
    if value is None or value.strip() == "":
        return "MD5"
    upper = value.strip().upper()
    if upper == "MD5":
        return "MD5"
    if upper == "SHA256":
        return "SHA256"
    raise ValueError(f"unsupported signature type {value!r}")


def clean_params(params: Mapping[str, object]) -> dict[str, str]:
    """Drop absent and empty values and render the rest as the strings that go on the wire.

    Booleans are refused: the API has none, and ``str(True)`` would sign as ``True``.
    """
    cleaned: dict[str, str] = {}
    for name, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            raise TypeError(f"parameter {name!r} is a bool; QFPay parameters are strings")
        text = value if isinstance(value, str) else str(value)
        if text == "":
            continue
        cleaned[name] = text
    return cleaned


def canonical_string(params: Mapping[str, object]) -> str:
    """The string that is signed (before the key is appended): sorted ``k=v`` joined by ``&``."""
    cleaned = clean_params(params)
    return "&".join(f"{name}={cleaned[name]}" for name in sorted(cleaned))


def _digest(data: bytes, sign_type: SignType) -> str:
    # hashlib (and hmac below) load OpenSSL's digests: imported on the first signature, not
    # with this module, which the settings load (for SIGN_TYPES) before the till's first paint.
    import hashlib  # noqa: PLC0415

    if sign_type == "MD5":
        return hashlib.md5(data, usedforsecurity=False).hexdigest().upper()
    if sign_type == "SHA256":
        return hashlib.sha256(data).hexdigest().upper()
    raise ValueError(f"unsupported signature type {sign_type!r}")


def sign(params: Mapping[str, object], key: str, sign_type: SignType = "MD5") -> str:
    """Signature of a request's parameters, for the ``X-QF-SIGN`` header."""
    return _digest((canonical_string(params) + key).encode("utf-8"), sign_type)


def verify(
    params: Mapping[str, object], key: str, signature: str, sign_type: SignType = "MD5"
) -> bool:
    """Check a request signature (the training gateway's side), in constant time."""
    import hmac  # noqa: PLC0415 - see _digest

    expected = sign(params, key, sign_type)
    return hmac.compare_digest(expected.encode("ascii"), signature.strip().upper().encode())


def sign_body(body: bytes, key: str, sign_type: SignType = "MD5") -> str:
    """Signature over raw body bytes plus the key: used for responses and notifications."""
    return _digest(body + key.encode("utf-8"), sign_type)


def verify_body(body: bytes, key: str, signature: str, sign_type: SignType = "MD5") -> bool:
    """Constant-time check of a body signature (a response's, or a notification's)."""
    import hmac  # noqa: PLC0415 - see _digest

    expected = sign_body(body, key, sign_type)
    return hmac.compare_digest(expected.encode("ascii"), signature.strip().upper().encode())


def verify_notification(body: bytes, key: str, signature: str) -> bool:
    """Verify an asynchronous notification: MD5 over the raw POST body followed by the key.

    The body must be the exact bytes received (not re-serialised JSON), since any change of
    whitespace or key order changes the digest.
    """
    return verify_body(body, key, signature, "MD5")
