"""The wedge decoder judged with exact timestamps (no clock, no Qt)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.devices.wedge import Action, Decision, WedgeConfig, WedgeDecoder

CODE = "283854702356157409"


def type_keys(
    decoder: WedgeDecoder[str], keys: str, start: float, step: float
) -> tuple[list[Decision[str]], list[str], float]:
    """Feed keys at a fixed pace; return decisions, everything typed through, last time."""
    decisions: list[Decision[str]] = []
    typed: list[str] = []
    t = start
    for index, char in enumerate(keys):
        t = start + index * step
        decision = decoder.feed(char, t, char)
        decisions.append(decision)
        typed.extend(decision.released)
        if decision.action is Action.DELIVER:
            typed.append(char)
    return decisions, typed, t


def test_fast_burst_with_enter_is_a_scan_and_nothing_is_typed() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder()
    decisions, typed, _ = type_keys(decoder, CODE + "\r", 1000.0, 6.0)
    assert [d.action for d in decisions[:-1]] == [Action.HOLD] * len(CODE)
    assert decisions[-1].action is Action.SCAN
    assert decisions[-1].code == CODE
    assert decisions[-1].scan_tokens == list(CODE)
    assert typed == []
    assert decoder.pending == 0


def test_human_typing_is_released_key_by_key_in_order() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder()
    decisions, typed, last = type_keys(decoder, "12345678\r", 0.0, 120.0)
    # Each key is held until the next one proves the gap was human, then the Enter key
    # releases the last digit and passes itself.
    assert typed == list("12345678\r")
    assert all(d.code is None for d in decisions)
    assert decisions[-1].action is Action.DELIVER
    assert decoder.pending == 0
    assert decoder.expire(last + 1000).released == []


def test_single_key_is_released_once_its_gap_has_passed() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(max_gap_ms=40))
    assert decoder.feed("5", 100.0, "five").action is Action.HOLD
    assert decoder.timeout_ms() == 40
    assert decoder.expire(130.0).action is Action.NONE
    assert decoder.pending == 1
    assert decoder.expire(141.0).released == ["five"]
    assert decoder.pending == 0


def test_short_fast_burst_is_not_a_scan() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(min_length=8))
    _, typed, _ = type_keys(decoder, "1234567\r", 0.0, 5.0)
    assert typed == list("1234567\r")


def test_slow_enter_after_fast_digits_is_not_a_scan() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(max_gap_ms=40, terminator_gap_ms=60))
    _, typed, last = type_keys(decoder, CODE, 0.0, 5.0)
    assert typed == []
    decision = decoder.feed("\r", last + 200, "\r")
    assert decision.action is Action.DELIVER
    assert decision.released == list(CODE)


def test_scanner_pause_before_enter_within_terminator_gap_is_allowed() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(max_gap_ms=30, terminator_gap_ms=90))
    _, _, last = type_keys(decoder, CODE, 0.0, 5.0)
    assert decoder.timeout_ms() == 90
    decision = decoder.feed("\r", last + 70, "\r")
    assert decision.code == CODE


def test_gap_in_the_middle_releases_the_first_part() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder()
    type_keys(decoder, "99", 0.0, 5.0)
    decisions, _, _ = type_keys(decoder, CODE + "\r", 500.0, 5.0)
    assert decisions[0].released == ["9", "9"]
    assert decisions[-1].code == CODE


def test_non_text_key_ends_the_burst_and_passes() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder()
    type_keys(decoder, "123", 0.0, 5.0)
    decision = decoder.feed("", 10.0, "<backspace>")
    assert decision.action is Action.DELIVER
    assert decision.released == ["1", "2", "3"]


def test_enter_alone_passes_straight_through() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder()
    decision = decoder.feed("\r", 0.0, "\r")
    assert decision.action is Action.DELIVER
    assert decision.released == []


def test_prefix_and_suffix_are_stripped_and_other_keys_are_never_held() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(prefix="]Q", suffix="#"))
    # A key that cannot start the prefix passes at once, without delay.
    assert decoder.feed("7", 0.0, "7").action is Action.DELIVER
    decisions, typed, _ = type_keys(decoder, "]Q" + CODE + "#\r", 100.0, 4.0)
    assert typed == []
    assert decisions[-1].code == CODE


def test_broken_prefix_releases_what_was_held() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(prefix="]Q"))
    assert decoder.feed("]", 0.0, "]").action is Action.HOLD
    decision = decoder.feed("x", 3.0, "x")
    assert decision.released == ["]"]
    assert decision.action is Action.DELIVER


def test_fast_burst_without_prefix_is_not_a_scan_when_prefix_required() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(prefix="]"))
    _, typed, _ = type_keys(decoder, CODE + "\r", 0.0, 4.0)
    assert typed == list(CODE + "\r")


def test_scan_without_terminator_completes_on_expiry() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(require_terminator=False))
    _, typed, last = type_keys(decoder, CODE, 0.0, 5.0)
    assert typed == []
    decision = decoder.expire(last + 100)
    assert decision.code == CODE
    assert decision.released == []


def test_scan_without_terminator_completes_when_next_key_comes_late() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(require_terminator=False))
    _, _, last = type_keys(decoder, CODE, 0.0, 5.0)
    decision = decoder.feed("4", last + 500, "4")
    assert decision.code == CODE
    assert decision.action is Action.HOLD
    assert decoder.pending == 1


def test_overlong_burst_is_released() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder(WedgeConfig(max_length=10))
    _, typed, _ = type_keys(decoder, "A" * 11, 0.0, 2.0)
    assert typed == ["A"] * 11
    assert decoder.pending == 0


def test_clock_going_backwards_breaks_the_burst() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder()
    decoder.feed("1", 100.0, "1")
    assert decoder.feed("2", 50.0, "2").released == ["1"]


def test_flush_releases_everything_now() -> None:
    decoder: WedgeDecoder[str] = WedgeDecoder()
    type_keys(decoder, "abc", 0.0, 5.0)
    assert decoder.flush().released == ["a", "b", "c"]
    assert decoder.last_token() is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_gap_ms": 0},
        {"min_length": 0},
        {"min_length": 10, "max_length": 5},
        {"terminators": ()},
    ],
)
def test_config_rejects_nonsense(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        WedgeConfig(**kwargs)  # type: ignore[arg-type]


KEYS = st.sampled_from([*"0123456789ab]Q#\r", ""])


@settings(max_examples=300, deadline=None)
@given(
    events=st.lists(st.tuples(KEYS, st.integers(min_value=0, max_value=150)), max_size=60),
    prefix=st.sampled_from(["", "]", "]Q"]),
    require_terminator=st.booleans(),
)
def test_every_key_is_typed_or_scanned_exactly_once_in_order(
    events: list[tuple[str, int]], prefix: str, require_terminator: bool
) -> None:
    """Whatever the rhythm, keys are never lost, doubled or reordered."""
    decoder: WedgeDecoder[int] = WedgeDecoder(
        WedgeConfig(min_length=4, prefix=prefix, require_terminator=require_terminator)
    )
    seen: list[int] = []
    t = 0.0

    def account(decision: Decision[int], index: int | None) -> None:
        seen.extend(decision.released)
        seen.extend(decision.scan_tokens)
        if index is not None and decision.action in (Action.DELIVER, Action.SCAN):
            seen.append(index)
        if decision.code is not None:
            assert len(decision.code) >= 4

    for index, (text, gap) in enumerate(events):
        t += gap
        decision = decoder.feed(text, t, index)
        account(decision, index)
    account(decoder.flush(), None)
    assert decoder.pending == 0
    # Every key comes out exactly once (typed or part of a scan), in the order pressed.
    assert seen == list(range(len(events)))
