"""Review of issue 7: every unreadable answer is a ``ResponseError`` (outcome unknown).

An answer the till cannot read must never escape as a bare Python error: the engine would
leave the transaction SENT instead of querying it at once.
"""

from __future__ import annotations

import pytest

from pos_app.qfpay.errors import ResponseError
from pos_app.qfpay.models import parse_answer


def test_a_deeply_nested_answer_is_unreadable_not_a_crash() -> None:
    """Before: ``json.loads`` raised ``RecursionError``, which is not a ``ValueError``."""
    body = b'{"respcd": "0000", "data": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    with pytest.raises(ResponseError):
        parse_answer(body, endpoint="/trade/v1/payment", request_id="r1")
