"""In-process checks of the CLI's building blocks that the window shares (engine_config,
environment choice) and of its output and exit-code contracts."""

from __future__ import annotations

import io
import json

import pytest

from pos_app.cli.admin import InputError, SecretReader
from pos_app.cli.exitcodes import Exit, exit_for_state
from pos_app.cli.output import Reporter
from pos_app.cli.parser import build_parser, parse_args
from pos_app.cli.runtime import Runtime
from pos_app.cli.sales import EventPrinter, parse_amount
from pos_app.engine.core import R_MAKING_SURE
from pos_app.engine.events import EngineEvent
from pos_app.engine.states import TxState
from pos_app.qfpay.errors import ConfigurationError, RequestValidationError
from pos_app.runtime import choose_environment, engine_config, preview_environment
from pos_app.settings import default_settings


def _runtime(*argv: str, environ: dict[str, str] | None = None) -> Runtime:
    args = build_parser().parse_args(list(argv))
    return Runtime(args, environ=environ or {}, _settings=default_settings("TUNIT01"))


def test_exit_codes_follow_the_money() -> None:
    assert exit_for_state(TxState.PAID) is Exit.OK
    assert exit_for_state(TxState.REFUNDED) is Exit.OK
    assert exit_for_state(TxState.DECLINED) is Exit.DECLINED
    assert exit_for_state(TxState.REVERSED) is Exit.CANCELLED
    assert exit_for_state(TxState.CLOSED) is Exit.CANCELLED
    for state in (TxState.NEEDS_ATTENTION, TxState.CANCELLING, TxState.UNKNOWN, TxState.SENT):
        assert exit_for_state(state) is Exit.UNKNOWN
    assert [int(e) for e in Exit] == [0, 1, 2, 3, 4, 5, 6]


def test_environment_precedence_flag_then_qfpay_env_then_settings() -> None:
    settings = default_settings("TUNIT01")
    assert choose_environment(None, settings, {}) == "training"
    assert choose_environment(None, settings, {"QFPAY_ENV": "Sandbox"}) == "sandbox"
    assert choose_environment("test", settings, {"QFPAY_ENV": "prod"}) == "test"
    with pytest.raises(ConfigurationError, match="QFPAY_ENV"):
        choose_environment(None, settings, {"QFPAY_ENV": "live"})
    # The window shows a bad value as typed before the core refuses it with one message.
    assert preview_environment(None, settings, {"QFPAY_ENV": "live"}) == "live"
    # The CLI's --env reaches the shared root through its options.
    assert _runtime("--env", "test").env_name == "test"


def test_engine_config_applies_overrides_everywhere() -> None:
    rt = _runtime("pay", "--amount", "1", "--pay-type", "800208")
    default = engine_config(rt.settings)
    assert default.timing_for("wechat").deadline == 45.0  # the engine's own wallet plan
    fast = rt.engine_config(poll_interval=0.05, timeout=2.0)
    for wallet in ("wechat", "alipay", "someother"):
        timing = fast.timing_for(wallet)
        assert timing.deadline == 2.0 and timing.intervals == (0.05,)
    assert fast.mpm_timeout == 2.0 and fast.mpm_intervals == (0.05,)
    assert fast.refund_timeout == 2.0 and fast.cancel_intervals == (0.05,)


def test_amounts_must_be_plain_decimals() -> None:
    assert parse_amount("12.34", "HKD") == 1234
    assert parse_amount(" 7 ", "JPY") == 7
    for bad in ("1e3", "+5", "-1", "1,000", "", "0x10", "١٢"):
        with pytest.raises(RequestValidationError, match="--amount"):
            parse_amount(bad, "HKD")


def test_json_reporter_writes_one_object_per_line_and_errors_to_stderr() -> None:
    out, err = io.StringIO(), io.StringIO()
    rep = Reporter(json_mode=True, out=out, err=err)
    rep.event("state", "ignored text", out_trade_no="X1", state="SENT", syssn=None)
    rep.line("tables are for people only")
    rep.error("something broke")
    rep.result("done", out_trade_no="X1", status="PAID", amount="1.00")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0] == {"event": "state", "out_trade_no": "X1", "state": "SENT"}
    assert lines[1] == {"event": "error", "message": "something broke"}
    assert lines[2]["event"] == "result" and lines[2]["status"] == "PAID"
    assert err.getvalue() == "qfpay-pos: something broke\n"


def test_plain_reporter_prints_text_only() -> None:
    out = io.StringIO()
    rep = Reporter(json_mode=False, out=out, err=io.StringIO())
    rep.event("waiting", None, seconds_left=3)
    rep.event("state", "SENT")
    rep.result("PAID HKD 1.00")
    assert out.getvalue() == "SENT\nPAID HKD 1.00\n"


@pytest.mark.parametrize("json_mode", [False, True])
def test_a_message_with_a_wait_says_how_long(json_mode: bool) -> None:
    """A cancel that waits out a payment's in-flight bound says so once, with the seconds:
    the cashier at a terminal is not left with a silent half minute."""
    out = io.StringIO()
    printer = EventPrinter(Reporter(json_mode=json_mode, out=out, err=io.StringIO()))
    printer(EngineEvent("message", "X1", TxState.CANCELLING, R_MAKING_SURE, seconds_left=37.04))
    if json_mode:
        line = json.loads(out.getvalue())
        assert line["seconds_left"] == 37.0 and line["message"] == R_MAKING_SURE
    else:
        assert out.getvalue() == f"CANCELLING: {R_MAKING_SURE} (about 37 s)\n"


def test_secret_reader_reads_lines_from_a_pipe() -> None:
    reader = SecretReader(io.StringIO("1234\n  \n"))
    assert reader.read("PIN: ") == "1234"
    assert reader.read("Merchant id: ", required=False) == ""
    with pytest.raises(InputError, match="PIN"):
        reader.read("PIN: ")


def test_runtime_repr_never_shows_the_key() -> None:
    rt = _runtime(environ={"QFPAY_KEY": "TOPSECRETKEY42", "QFPAY_APPCODE": "A"})
    assert "TOPSECRETKEY42" not in repr(rt)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--env", "training"],
        ["--env", "training", "--data-dir", "/d", "--config-dir", "/c", "--json"],
        ["--e", "sandbox", "--region", "hk", "--base-url", "http://127.0.0.1:1"],
        ["--data-dir", "pay"],  # a value that looks like a command is still a value
        ["pay", "--amount", "1", "--pay-type", "800208"],
        ["--json", "recover"],
        ["history"],
    ],
)
def test_parse_args_reads_what_the_whole_grammar_reads(argv: list[str]) -> None:
    """The window's quick parse (global options only) gives the whole grammar's answer."""
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv", [["--env", "live"], ["--bogus"], ["nosuchcommand"], ["--data-dir"], ["--help"]]
)
def test_parse_args_leaves_mistakes_and_help_to_the_whole_grammar(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as quick:
        parse_args(argv)
    quick_out = capsys.readouterr()
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    assert quick.value.code == whole.value.code
    assert quick_out == capsys.readouterr()  # same message, same usage line (with COMMAND)
