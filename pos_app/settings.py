"""Non-secret till settings: one JSON file under the platform config directory.

Secrets (app code, client key, merchant id) never live here; they go to the OS keyring
through :mod:`pos_app.credentials`.  This file holds what a shop owner may safely copy to
another till or attach to a support ticket.

Why the loader is strict: a till that silently falls back to defaults after a typo could
end up talking to the wrong environment or offering pay types the merchant never enabled.
So a file that cannot be read, is not JSON, has a value of the wrong type, an unknown key or
an unknown environment raises :class:`SettingsError` naming the file and the problem, and
nothing is changed on disk.  Callers that prefer to carry on (the UI, which then shows the
problem) ask for defaults explicitly with :func:`load_settings_or_defaults`.

The first run is the only time the loader writes: it creates the file with defaults,
training mode and a freshly generated till id, because the till id must stay the same for
the life of the installation (it is part of every ``out_trade_no``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pos_app.files import atomic_write_text
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.environments import ENVIRONMENTS, REGIONS
from pos_app.qfpay.signing import SIGN_TYPES

APP_NAME = "qfpay-pos"
SETTINGS_FILE_NAME = "settings.json"
TRAINING_STORE_FILE_NAME = "training-gateway.sqlite3"

#: Environment variables that move the config and data directories (tests, kiosks).
CONFIG_DIR_ENV = "QFPAY_POS_CONFIG_DIR"
DATA_DIR_ENV = "QFPAY_POS_DATA_DIR"

LANGUAGES = ("en", "zh_HK", "zh_CN")
PRINTER_KINDS = ("none", "file", "serial", "usb", "network")

_TILL_ID_ALPHABET = string.ascii_uppercase + string.digits
_TILL_ID_LENGTH = 6
_MAX_SERIAL_BAUD = 4_000_000


class SettingsError(Exception):
    """The settings file cannot be used as it is; ``path`` and ``problem`` say why."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        label = QT_TRANSLATE_NOOP("Settings", "Settings file")
        super().__init__(f"{label} {path}: {problem}")


@dataclass(frozen=True)
class TimingSettings:
    """Polling and deadlines; CLI options override them per run.

    ``None`` for the poll interval and the code-payment deadline means the engine's own
    per-wallet plan (WeChat revokes unpaid code payments at 45 s, Alipay suggests 60 s),
    which is better than any single number.
    """

    poll_interval_s: float | None = None
    cpm_timeout_s: float | None = None
    mpm_timeout_s: float = 300.0
    http_timeout_s: float = 15.0
    recover_timeout_s: float = 120.0


@dataclass(frozen=True)
class ScannerSettings:
    """Keyboard-wedge decoding thresholds and the optional serial scanner."""

    wedge_max_interkey_ms: int = 50
    wedge_min_length: int = 10
    prefix: str = ""
    suffix: str = "\r"
    serial_port: str | None = None
    serial_baud: int = 9600


@dataclass(frozen=True)
class PrinterSettings:
    """Where receipts go; ``none`` keeps receipts on screen only."""

    kind: str = "none"
    target: str = ""
    baud: int = 19200
    width_chars: int = 42
    print_merchant_copy: bool = False
    #: Print the customer's receipt by itself after every paid sale and refund.
    auto_print: bool = True


@dataclass(frozen=True)
class ShopSettings:
    """Who the customer paid: printed at the top and bottom of every receipt."""

    name: str = ""
    address: str = ""
    #: Closing line of every receipt ("Thank you!"); empty prints none.
    footer: str = ""


#: The till's name plus a space and its id must fit QFPay's 40-character ``udid``.
TILL_NAME_MAX = 29

#: ``txzone`` value meaning "this computer's UTC offset when the request leaves" (DST-safe).
TXZONE_AUTO = "auto"


@dataclass(frozen=True)
class ChainSettings:
    """Chain mode (one head office for many tills): where head office's PostgreSQL is.

    Only the address lives here (``postgresql://user@host:port/db``); its password never
    does: it comes from the keyring or ``PGPASSWORD`` (see ``pos_app.chain.database``).
    ``None`` means the till works alone.  ``shop`` names the shop in chain-wide reports
    (empty: the receipt's ``shop.name``).
    """

    database: str | None = None
    shop: str = ""


@dataclass(frozen=True)
class NetworkSettings:
    """How the till reaches the gateway when the shop's network needs it (issue 8).

    The till ignores ``HTTPS_PROXY``, ``SSL_CERT_FILE`` and the like in its environment: an
    attacker's CA file once produced a forged PAID.  Only these settings change the route or
    the trust, and the status bar shows them while they are on.  ``None`` = direct, and the
    system's certificate authorities.  A proxy URL never holds a password: this file is
    meant to be copied and attached to support tickets.
    """

    proxy: str | None = None
    ca_bundle: str | None = None


@dataclass(frozen=True)
class Settings:
    """Everything the till remembers between runs except secrets."""

    till_id: str
    environment: str = "training"
    region: str = "hk"
    base_url: str | None = None
    currency: str = "HKD"
    pay_types: tuple[str, ...] = ()
    sounds: bool = True
    language: str = "en"
    #: Request signature; the documents recommend SHA256, MD5 stays for old accounts.
    sign_type: str = "SHA256"
    #: Sent in ``udid`` (with the till id) so the merchant portal shows which till took a
    #: payment; "" = the till id alone.
    till_name: str = ""
    #: Sent as ``txzone`` (``+0800``); "auto" = this computer's offset, "" = not sent (the
    #: gateway then assumes UTC+8).
    txzone: str = TXZONE_AUTO
    #: Keys are cents: typing 1 2 3 4 means 12.34 (no decimal point needed).
    cents_mode: bool = False
    #: Largest single sale in major units ("5000.00"); None = no till limit.
    max_amount: str | None = None
    shop: ShopSettings = field(default_factory=ShopSettings)
    #: Where the customer's QR code appears: "auto" (a second screen when there is one),
    #: "till" (a window beside the till on its own screen) or a screen's name.
    customer_screen: str = "auto"
    #: Names a cashier picks from at the start of a shift; empty = the operating-system user.
    cashiers: tuple[str, ...] = ()
    #: False only in a settings file this run created: the window then opens the first-run
    #: wizard.  Files from before the wizard existed count as set up.
    setup_done: bool = True
    timing: TimingSettings = field(default_factory=TimingSettings)
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    chain: ChainSettings = field(default_factory=ChainSettings)
    network: NetworkSettings = field(default_factory=NetworkSettings)

    def to_json_dict(self) -> dict[str, Any]:
        """Plain data for the file; tuples become lists so JSON can hold them."""
        data = dataclasses.asdict(self)
        data["pay_types"] = list(self.pay_types)
        data["cashiers"] = list(self.cashiers)
        return data


@dataclass(frozen=True)
class AppPaths:
    """The two directories the till uses: settings (small, copyable) and data (money)."""

    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE_NAME

    def journal_file_for(self, environment: str, region: str) -> Path:
        """One journal per environment (and region outside training).

        Recovery must ask the gateway the transaction was sent to, and the journal rows do
        not say which that was: separate files make it impossible to "recover" a training
        sale against production or a sandbox sale against a real merchant account.
        """
        if environment == "training":
            return self.data_dir / "journal-training.sqlite3"
        return self.data_dir / f"journal-{environment}-{region}.sqlite3"

    @property
    def training_store_file(self) -> Path:
        return self.data_dir / TRAINING_STORE_FILE_NAME


def resolve_paths(
    config_dir: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> AppPaths:
    """Explicit arguments win, then environment variables, then the platform directories."""
    env = os.environ if environ is None else environ
    cfg = config_dir or env.get(CONFIG_DIR_ENV)
    data = data_dir or env.get(DATA_DIR_ENV)
    if not (cfg and data):
        # platformdirs (like secrets and tempfile below) is imported where used: the till
        # window reads the settings before its first paint, and many runs need none of them.
        import platformdirs  # noqa: PLC0415

        cfg = cfg or platformdirs.user_config_dir(APP_NAME, False)
        data = data or platformdirs.user_data_dir(APP_NAME, False)
    return AppPaths(Path(cfg).expanduser(), Path(data).expanduser())


def generate_till_id() -> str:
    """A short id that fits inside ``out_trade_no`` and reads well on a receipt."""
    import secrets  # noqa: PLC0415 - only a first run draws a till id

    return "T" + "".join(secrets.choice(_TILL_ID_ALPHABET) for _ in range(_TILL_ID_LENGTH))


def default_settings(till_id: str | None = None) -> Settings:
    """First-run settings: training mode, so nobody is charged before setup is done.

    The language is the computer's when the till speaks it: a Hong Kong shop owner whose
    computer is in Chinese meets the setup wizard in Chinese, not in English.
    """
    return Settings(till_id=till_id or generate_till_id(), language=system_language())


#: Locale names (``zh_TW.UTF-8``, ``Chinese (Traditional)_Hong Kong SAR``...) to the till's
#: languages: Traditional Chinese is zh_HK, Simplified zh_CN, anything else English.
_TRADITIONAL = ("zh_hk", "zh_tw", "zh_mo", "zh_hant", "chinese (traditional)")
_SIMPLIFIED = ("zh", "chinese")


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The till language closest to this computer's (``LC_ALL``, ``LC_MESSAGES``, ``LANG``,
    then the C library's locale on systems without those variables); English otherwise."""
    import locale  # noqa: PLC0415

    env = os.environ if environ is None else environ
    names = [env.get(key, "") for key in ("LC_ALL", "LC_MESSAGES", "LANG")]
    if environ is None:
        with contextlib.suppress(ValueError):
            names.append(locale.getlocale()[0] or "")
    for name in names:
        lowered = name.strip().lower().replace("-", "_")
        if not lowered or lowered in ("c", "posix") or lowered.startswith(("c.", "posix.")):
            continue
        if lowered.startswith(_TRADITIONAL):
            return "zh_HK"
        if lowered.startswith(_SIMPLIFIED):
            return "zh_CN"
        return "en"
    return "en"


# ---------------------------------------------------------------------------------------
# Parsing: every field is checked by type and range; messages name the offending key.


class _Problem(Exception):
    """Internal: one thing wrong with the file, turned into SettingsError by the loader."""


def _expect(value: object, kind: type | tuple[type, ...], key: str, what: str) -> Any:
    # bool is an int in Python; a JSON true where a number belongs is still a mistake.
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise _Problem(f"'{key}' must be {what}, not {json.dumps(value)}")
    if not isinstance(value, kind):
        raise _Problem(f"'{key}' must be {what}, not {json.dumps(value)}")
    return value


def _number(value: object, key: str, low: float, high: float) -> float:
    number = float(_expect(value, (int, float), key, "a number"))
    if not low <= number <= high:
        raise _Problem(f"'{key}' must be between {low:g} and {high:g}, not {number:g}")
    return number


def _optional_number(value: object, key: str, low: float, high: float) -> float | None:
    return None if value is None else _number(value, key, low, high)


def _integer(value: object, key: str, low: int, high: int) -> int:
    number = int(_expect(value, int, key, "a whole number"))
    if not low <= number <= high:
        raise _Problem(f"'{key}' must be between {low} and {high}, not {number}")
    return number


def _choice(value: object, key: str, choices: tuple[str, ...]) -> str:
    text = str(_expect(value, str, key, "text"))
    if text not in choices:
        raise _Problem(f"unknown {key} '{text}' (expected one of: {', '.join(choices)})")
    return text


def _section(raw: Mapping[str, Any], key: str, allowed: set[str]) -> dict[str, Any]:
    value = raw.get(key, {})
    section = dict(_expect(value, dict, key, "an object"))
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise _Problem(f"unknown setting '{key}.{unknown[0]}'")
    return section


def _field_names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _parse_timing(raw: Mapping[str, Any]) -> TimingSettings:
    sec = _section(raw, "timing", _field_names(TimingSettings))
    d = TimingSettings()
    return TimingSettings(
        poll_interval_s=_optional_number(
            sec.get("poll_interval_s", d.poll_interval_s), "timing.poll_interval_s", 0.01, 60
        ),
        cpm_timeout_s=_optional_number(
            sec.get("cpm_timeout_s", d.cpm_timeout_s), "timing.cpm_timeout_s", 0.1, 3600
        ),
        mpm_timeout_s=_number(
            sec.get("mpm_timeout_s", d.mpm_timeout_s), "timing.mpm_timeout_s", 0.1, 86400
        ),
        http_timeout_s=_number(
            sec.get("http_timeout_s", d.http_timeout_s), "timing.http_timeout_s", 0.1, 300
        ),
        recover_timeout_s=_number(
            sec.get("recover_timeout_s", d.recover_timeout_s),
            "timing.recover_timeout_s",
            0.1,
            86400,
        ),
    )


def _parse_scanner(raw: Mapping[str, Any]) -> ScannerSettings:
    sec = _section(raw, "scanner", _field_names(ScannerSettings))
    d = ScannerSettings()
    port = sec.get("serial_port", d.serial_port)
    if port is not None:
        port = _expect(port, str, "scanner.serial_port", "text or null") or None
    return ScannerSettings(
        wedge_max_interkey_ms=_integer(
            sec.get("wedge_max_interkey_ms", d.wedge_max_interkey_ms),
            "scanner.wedge_max_interkey_ms",
            1,
            1000,
        ),
        wedge_min_length=_integer(
            sec.get("wedge_min_length", d.wedge_min_length), "scanner.wedge_min_length", 1, 64
        ),
        prefix=_expect(sec.get("prefix", d.prefix), str, "scanner.prefix", "text"),
        suffix=_expect(sec.get("suffix", d.suffix), str, "scanner.suffix", "text"),
        serial_port=port,
        serial_baud=_integer(
            sec.get("serial_baud", d.serial_baud), "scanner.serial_baud", 300, _MAX_SERIAL_BAUD
        ),
    )


def _parse_printer(raw: Mapping[str, Any]) -> PrinterSettings:
    sec = _section(raw, "printer", _field_names(PrinterSettings))
    d = PrinterSettings()
    return PrinterSettings(
        kind=_choice(sec.get("kind", d.kind), "printer.kind", PRINTER_KINDS),
        target=_expect(sec.get("target", d.target), str, "printer.target", "text"),
        baud=_integer(sec.get("baud", d.baud), "printer.baud", 300, _MAX_SERIAL_BAUD),
        width_chars=_integer(sec.get("width_chars", d.width_chars), "printer.width_chars", 16, 80),
        print_merchant_copy=_expect(
            sec.get("print_merchant_copy", d.print_merchant_copy),
            bool,
            "printer.print_merchant_copy",
            "true or false",
        ),
        auto_print=_expect(
            sec.get("auto_print", d.auto_print), bool, "printer.auto_print", "true or false"
        ),
    )


def _parse_shop(raw: Mapping[str, Any]) -> ShopSettings:
    sec = _section(raw, "shop", _field_names(ShopSettings))

    def text(key: str, limit: int) -> str:
        value = str(_expect(sec.get(key, ""), str, f"shop.{key}", "text"))
        if len(value) > limit:
            raise _Problem(f"'shop.{key}' is longer than {limit} characters")
        return value

    return ShopSettings(
        name=text("name", 60), address=text("address", 200), footer=text("footer", 200)
    )


def _parse_txzone(value: object) -> str:
    zone = str(_expect(value, str, "txzone", "text"))
    if zone in (TXZONE_AUTO, ""):
        return zone
    sign, digits = zone[:1], zone[1:]
    if sign not in "+-" or len(digits) != 4 or not digits.isdigit() or int(digits[2:]) >= 60:
        raise _Problem(f"'txzone' must be 'auto', empty or an offset like +0800, not {zone!r}")
    return zone


def _parse_max_amount(value: object) -> str | None:
    if value is None:
        return None
    text = str(_expect(value, str, "max_amount", 'an amount like "5000.00" or null')).strip()
    whole, _, cents = text.partition(".")
    if not (whole.isascii() and whole.isdigit() and (not cents or cents.isdigit()) and text):
        raise _Problem(f"'max_amount' must be an amount like \"5000.00\", not {text!r}")
    if len(cents) > 3 or int(whole + cents or "0") == 0:
        raise _Problem(f"'max_amount' must be more than zero with at most 3 decimals, not {text!r}")
    return text


def _parse_till_name(value: object) -> str:
    name = str(_expect(value, str, "till_name", "text")).strip()
    if len(name) > TILL_NAME_MAX or not name.isprintable():
        raise _Problem(f"'till_name' must be up to {TILL_NAME_MAX} printable characters")
    return name


def _parse_screen(value: object) -> str:
    screen = str(_expect(value, str, "customer_screen", "text")).strip()
    if not (1 <= len(screen) <= 100 and screen.isprintable()):
        raise _Problem("'customer_screen' must be 'auto', 'till' or a screen's name")
    return screen


def _parse_cashiers(value: object) -> tuple[str, ...]:
    items = _expect(value, list, "cashiers", "a list of names")
    names: list[str] = []
    for item in items:
        name = str(_expect(item, str, "cashiers", "a list of names")).strip()
        if not (1 <= len(name) <= 30 and name.isprintable()):
            raise _Problem(f"'cashiers' holds {json.dumps(name)}: a name is 1 to 30 characters")
        if name in names:
            raise _Problem(f"'cashiers' names {json.dumps(name)} twice")
        names.append(name)
    if len(names) > 100:
        raise _Problem("'cashiers' holds more than 100 names")
    return tuple(names)


def _parse_chain(raw: Mapping[str, Any]) -> ChainSettings:
    sec = _section(raw, "chain", _field_names(ChainSettings))
    database = sec.get("database")
    if database is not None:
        database = str(_expect(database, str, "chain.database", "an address or null")).strip()
        parts = urlsplit(database)
        if not database:
            database = None
        elif parts.scheme not in ("postgresql", "postgres") or not parts.hostname:
            raise _Problem("'chain.database' must be a postgresql://user@host/db address")
        elif parts.password is not None:
            raise _Problem(
                "'chain.database' must not contain a password (use the keyring or PGPASSWORD)"
            )
    shop = str(_expect(sec.get("shop", ""), str, "chain.shop", "text")).strip()
    if len(shop) > 40 or not shop.isprintable():
        raise _Problem("'chain.shop' must be at most 40 printable characters")
    return ChainSettings(database=database, shop=shop)


_PROXY_SCHEMES = ("http", "https")
_PEM_CERTIFICATE = b"-----BEGIN CERTIFICATE-----"
_MAX_CA_BUNDLE_BYTES = 10 * 1024 * 1024


def _parse_proxy(value: object) -> str | None:
    if value is None:
        return None
    url = str(_expect(value, str, "network.proxy", "a URL or null")).strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise _Problem(f"'network.proxy' is not a valid address: {url!r}") from None
    if parts.scheme not in _PROXY_SCHEMES or not parts.hostname or not url.isprintable():
        raise _Problem(
            f"'network.proxy' must be an address like http://proxy.example:3128, not {url!r}"
        )
    if parts.password is not None:
        raise _Problem("'network.proxy' must not contain a password (this file is shared)")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise _Problem(f"'network.proxy' must be scheme, host and port only, not {url!r}")
    return url.rstrip("/")


def _parse_ca_bundle(value: object) -> str | None:
    """An existing, readable PEM file holding at least one certificate (absolute path).

    Checked when the settings are read, not when the first payment leaves: a till whose
    trusted authorities are missing must say so at start-up.
    """
    if value is None:
        return None
    text = str(_expect(value, str, "network.ca_bundle", "a file path or null")).strip()
    if not text:
        return None
    path = Path(text).expanduser()
    if not path.is_absolute():
        raise _Problem(f"'network.ca_bundle' must be a full path, not {text!r}")
    try:
        with path.open("rb") as handle:
            head = handle.read(_MAX_CA_BUNDLE_BYTES + 1)
    except OSError as exc:
        raise _Problem(f"'network.ca_bundle' {text!r} cannot be read ({exc.strerror})") from None
    if len(head) > _MAX_CA_BUNDLE_BYTES or _PEM_CERTIFICATE not in head:
        raise _Problem(f"'network.ca_bundle' {text!r} is not a PEM file of certificates")
    return str(path)


def _parse_network(raw: Mapping[str, Any]) -> NetworkSettings:
    sec = _section(raw, "network", _field_names(NetworkSettings))
    return NetworkSettings(
        proxy=_parse_proxy(sec.get("proxy")), ca_bundle=_parse_ca_bundle(sec.get("ca_bundle"))
    )


def _parse_till_id(value: object) -> str:
    till_id = str(_expect(value, str, "till_id", "text"))
    if not (1 <= len(till_id) <= 10 and till_id.isascii() and till_id.isalnum()):
        raise _Problem(f"'till_id' must be 1 to 10 letters or digits, not {json.dumps(till_id)}")
    return till_id


def _parse_pay_types(value: object) -> tuple[str, ...]:
    items = _expect(value, list, "pay_types", "a list of pay type codes")
    codes: list[str] = []
    for item in items:
        code = str(_expect(item, str, "pay_types", "a list of pay type codes"))
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise _Problem(f"'pay_types' holds {json.dumps(code)}, not a six-digit pay type")
        codes.append(code)
    return tuple(codes)


def _parse_base_url(value: object) -> str | None:
    if value is None:
        return None
    url = str(_expect(value, str, "base_url", "a URL or null")).strip()
    if not url:
        return None
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost", "http://[::1]")):
        raise _Problem(
            f"'base_url' must be an https:// address (plain http only on loopback), not {url!r}"
        )
    return url.rstrip("/")


def parse_settings(raw: object) -> Settings:
    """Build :class:`Settings` from decoded JSON, raising ``ValueError`` with the reason."""
    try:
        data = dict(_expect(raw, dict, "(top level)", "an object"))
        unknown = sorted(set(data) - _field_names(Settings))
        if unknown:
            raise _Problem(f"unknown setting '{unknown[0]}'")
        if "till_id" not in data:
            raise _Problem("'till_id' is missing")
        d = Settings(till_id="X")
        currency = str(_expect(data.get("currency", d.currency), str, "currency", "text"))
        if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
            raise _Problem(f"'currency' must be a three-letter code, not {currency!r}")
        return Settings(
            till_id=_parse_till_id(data["till_id"]),
            environment=_choice(
                data.get("environment", d.environment), "environment", ENVIRONMENTS
            ),
            region=_choice(data.get("region", d.region), "region", REGIONS),
            base_url=_parse_base_url(data.get("base_url")),
            currency=currency.upper(),
            pay_types=_parse_pay_types(data.get("pay_types", [])),
            sounds=_expect(data.get("sounds", d.sounds), bool, "sounds", "true or false"),
            language=_choice(data.get("language", d.language), "language", LANGUAGES),
            sign_type=_choice(data.get("sign_type", d.sign_type), "sign_type", SIGN_TYPES),
            till_name=_parse_till_name(data.get("till_name", d.till_name)),
            txzone=_parse_txzone(data.get("txzone", d.txzone)),
            cents_mode=_expect(
                data.get("cents_mode", d.cents_mode), bool, "cents_mode", "true or false"
            ),
            max_amount=_parse_max_amount(data.get("max_amount")),
            shop=_parse_shop(data),
            cashiers=_parse_cashiers(data.get("cashiers", [])),
            customer_screen=_parse_screen(data.get("customer_screen", d.customer_screen)),
            setup_done=_expect(data.get("setup_done", True), bool, "setup_done", "true or false"),
            timing=_parse_timing(data),
            scanner=_parse_scanner(data),
            printer=_parse_printer(data),
            chain=_parse_chain(data),
            network=_parse_network(data),
        )
    except _Problem as exc:
        raise ValueError(str(exc)) from None


# ---------------------------------------------------------------------------------------
# Files


def save_settings(settings: Settings, paths: AppPaths) -> None:
    """Persist ``settings`` atomically; validates first so a bad value never reaches disk."""
    try:
        parse_settings(json.loads(json.dumps(settings.to_json_dict())))
    except ValueError as exc:
        raise SettingsError(paths.settings_file, str(exc)) from None
    text = json.dumps(settings.to_json_dict(), indent=2, sort_keys=True) + "\n"
    try:
        atomic_write_text(paths.settings_file, text)
    except OSError as exc:
        raise SettingsError(paths.settings_file, f"cannot be written ({exc.strerror})") from None


def read_settings_file(path: Path) -> Settings:
    """Read and validate an existing file; raise :class:`SettingsError` on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SettingsError(path, "is not UTF-8 text") from None
    except OSError as exc:
        raise SettingsError(path, f"cannot be read ({exc.strerror})") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(
            path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    try:
        return parse_settings(raw)
    except ValueError as exc:
        raise SettingsError(path, str(exc)) from None


def load_settings(paths: AppPaths) -> Settings:
    """Load the settings, creating the file with defaults on the very first run."""
    path = paths.settings_file
    if path.exists():
        return read_settings_file(path)
    settings = dataclasses.replace(default_settings(), setup_done=False)
    save_settings(settings, paths)
    return settings


def load_settings_or_defaults(paths: AppPaths) -> tuple[Settings, SettingsError | None]:
    """For callers that must start anyway: defaults plus the problem, file left untouched."""
    try:
        return load_settings(paths), None
    except SettingsError as exc:
        return default_settings(), exc


def local_txzone(now: float | None = None) -> str:
    """This computer's UTC offset right now as QFPay writes it (``+0800``)."""
    import time  # noqa: PLC0415

    offset = time.localtime(now).tm_gmtoff
    sign = "+" if offset >= 0 else "-"
    minutes = abs(offset) // 60
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def device_udid(settings: Settings) -> str:
    """QFPay's ``udid`` (at most 40 characters): the shop's name for the till, then its id.

    The name is what the merchant portal shows; the id keeps two tills both called
    "Counter" apart, and lets reconciliation find this till's orders.
    """
    if settings.till_name:
        return f"{settings.till_name} {settings.till_id}"
    return settings.till_id


def effective_txzone(settings: Settings) -> str | None:
    """What goes out as ``txzone``: the fixed offset, this machine's, or nothing."""
    if settings.txzone == TXZONE_AUTO:
        return local_txzone()
    return settings.txzone or None


def update_settings(paths: AppPaths, **changes: Any) -> Settings:
    """Change top-level fields and save; refuses to overwrite a file it cannot read."""
    current = load_settings(paths)
    updated = dataclasses.replace(current, **changes)
    save_settings(updated, paths)
    return updated
