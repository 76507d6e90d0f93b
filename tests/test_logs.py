"""The till's log file: rotating, in the data directory, and never holding a secret."""

from __future__ import annotations

import logging

import pytest

from pos_app.logs import LOG_FILE_NAME, mask_digit_runs, setup_file_logging

KEY = "0E32A59A8B454940A2FF39ABCDEF1234"


@pytest.fixture
def clean_root():
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in before:
            handler.close()
    root.handlers[:] = before
    for handler in before:
        handler.filters[:] = [f for f in handler.filters if type(f).__name__ != "RedactingFilter"]
    root.setLevel(level)


def test_payment_codes_are_masked_but_syssn_and_amounts_are_not() -> None:
    assert mask_digit_runs("code 134567890123451143 paid") == "code **************1143 paid"
    syssn = "20261122000000000000000001"  # 26 digits: a QFPay number, not a payment code
    assert mask_digit_runs(f"syssn {syssn}") == f"syssn {syssn}"
    assert mask_digit_runs("txamt 1234") == "txamt 1234"
    assert mask_digit_runs("T7ABC20261121234326934762690EF3") == "T7ABC20261121234326934762690EF3"


def test_file_log_redacts_keys_and_codes_even_from_careless_callers(tmp_path, clean_root) -> None:
    redactor = setup_file_logging(tmp_path, secrets=[KEY])
    log = logging.getLogger("pos_app.test")
    log.info("signing with %s for code %s", KEY, "134567890123451143")
    try:
        raise ValueError(f"boom {KEY} 134567890123451143")
    except ValueError:
        log.exception("failed")
    redactor.add_secret("LATERSECRETVALUE")
    log.warning("late %s", "LATERSECRETVALUE")
    for handler in clean_root.handlers:
        handler.flush()
    text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert KEY not in text and "LATERSECRETVALUE" not in text
    assert "134567890123451143" not in text
    assert text.count("[secret]") == 3 and "1143" in text
    assert "Traceback" in text  # the detail support needs is still there


def test_setup_is_idempotent(tmp_path, clean_root) -> None:
    first = setup_file_logging(tmp_path)
    second = setup_file_logging(tmp_path, secrets=[KEY])
    assert first is second
    ours = [h for h in clean_root.handlers if getattr(h, "_qfpay_till", False)]
    assert len(ours) == 1


def test_a_run_on_another_data_dir_gets_its_own_log(tmp_path, clean_root) -> None:
    """Before: a till handler left on the root logger (a window started by an earlier test
    or run) was reused whatever the data dir, so this run's log went into the other's
    directory and ``till.log`` here stayed empty (``tests/ui`` then ``tests/test_logs.py``)."""
    earlier, later = tmp_path / "earlier", tmp_path / "later"
    earlier.mkdir()
    later.mkdir()
    setup_file_logging(earlier, secrets=[KEY])
    setup_file_logging(later)
    ours = [h for h in clean_root.handlers if getattr(h, "_qfpay_till", False)]
    assert len(ours) == 1
    logging.getLogger("pos_app.test").warning("for the later run")
    for handler in clean_root.handlers:
        handler.flush()
    text = (later / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "for the later run" in text
    assert "for the later run" not in (earlier / LOG_FILE_NAME).read_text(encoding="utf-8")
