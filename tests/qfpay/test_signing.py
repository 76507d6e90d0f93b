"""Request signing: hand-written vectors for both algorithms, and properties."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode

from hypothesis import given
from hypothesis import strategies as st

from pos_app.qfpay.signing import canonical_string, sign, sign_body, verify, verify_notification

KEY = "0E32A59A8B454940A2FF39ABCDEF0123"

PARAMS = {
    "txamt": "1234",
    "txcurrcd": "HKD",
    "pay_type": "800108",
    "out_trade_no": "TILL01-000042",
    "txdtm": "2026-11-21 14:05:09",
    "auth_code": "281234567890123456",
    "goods_name": "",
    "mchid": None,
}
# Written out by hand: sorted by name, empty/absent values left out, key appended.
SIGNED_TEXT = (
    "auth_code=281234567890123456&out_trade_no=TILL01-000042&pay_type=800108"
    "&txamt=1234&txcurrcd=HKD&txdtm=2026-11-21 14:05:09" + KEY
)


def test_md5_vector_matches_hand_written_string() -> None:
    expected = hashlib.md5(SIGNED_TEXT.encode("utf-8")).hexdigest().upper()
    assert sign(PARAMS, KEY, "MD5") == expected
    assert sign(PARAMS, KEY) == expected  # MD5 is the default


def test_sha256_vector_matches_hand_written_string() -> None:
    expected = hashlib.sha256(SIGNED_TEXT.encode("utf-8")).hexdigest().upper()
    assert sign(PARAMS, KEY, "SHA256") == expected
    assert len(expected) == 64


def test_reference_steps_example() -> None:
    # The reference's worked example: abc, bad, bcd sorted, then the key.
    params = {"abc": "value1", "bcd": "value2", "bad": "value3"}
    assert canonical_string(params) == "abc=value1&bad=value3&bcd=value2"
    expected = hashlib.md5(b"abc=value1&bad=value3&bcd=value2Key").hexdigest().upper()
    assert sign(params, "Key") == expected


def test_unicode_goods_name_is_signed_as_utf8() -> None:
    params = {"goods_name": "奶茶 x2", "txamt": "100"}
    text = "goods_name=奶茶 x2&txamt=100" + KEY
    assert sign(params, KEY) == hashlib.md5(text.encode("utf-8")).hexdigest().upper()


def test_body_and_notification_signatures() -> None:
    body = b'{"respcd": "0000", "syssn": "1"}'
    expected = hashlib.md5(body + KEY.encode()).hexdigest().upper()
    assert sign_body(body, KEY) == expected
    assert verify_notification(body, KEY, expected.lower())
    assert not verify_notification(body + b" ", KEY, expected)


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
values = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=30,
)


@given(st.dictionaries(names, values, max_size=8))
def test_signature_ignores_parameter_order(params: dict[str, str]) -> None:
    reordered = dict(reversed(list(params.items())))
    assert sign(params, KEY) == sign(reordered, KEY)
    assert sign(params, KEY, "SHA256") == sign(reordered, KEY, "SHA256")


@given(st.dictionaries(names, values, max_size=8))
def test_signature_is_sorted_join_of_non_empty_values(params: dict[str, str]) -> None:
    text = "&".join(f"{k}={params[k]}" for k in sorted(params) if params[k] != "")
    assert sign(params, KEY) == hashlib.md5((text + KEY).encode()).hexdigest().upper()


@given(st.dictionaries(names, values, max_size=8), names)
def test_empty_or_absent_values_are_never_signed(params: dict[str, str], extra: str) -> None:
    without = {k: v for k, v in params.items() if k != extra}
    assert sign({**without, extra: ""}, KEY) == sign(without, KEY)
    assert sign({**without, extra: None}, KEY) == sign(without, KEY)


@given(
    st.dictionaries(
        names,
        st.text(alphabet="ab&=%+ 中é", min_size=1, max_size=20),
        min_size=1,
        max_size=6,
    )
)
def test_values_with_ampersand_and_equals_survive_the_form(params: dict[str, str]) -> None:
    # What the client sends is a urlencoded form; the gateway decodes it and signs the
    # decoded values, which must give the client's signature back.
    decoded = dict(parse_qsl(urlencode(params), keep_blank_values=True))
    assert decoded == params
    assert verify(decoded, KEY, sign(params, KEY))
