"""One setting by its dotted name (``printer.kind``), for ``qfpay-pos settings`` and scripts.

The value typed on a command line is text; it is converted to the type the setting already
has (``true``/``false``, a number, a list, ``null`` for "not set"), then the whole file is
validated by :func:`pos_app.settings.parse_settings` before anything is written: bad input
gives one clear message and changes nothing.  ``till_id`` cannot be changed: it is part of
every order number this till ever sent.
"""

from __future__ import annotations

import json
from typing import Any

from pos_app.settings import AppPaths, Settings, load_settings, parse_settings, save_settings

#: Settings whose value may be null ("not set"), so ``null`` or "" is accepted for them.
OPTIONAL_KEYS = frozenset(
    {
        "base_url",
        "max_amount",
        "network.ca_bundle",
        "network.proxy",
        "scanner.serial_port",
        "timing.poll_interval_s",
        "timing.cpm_timeout_s",
    }
)
FROZEN_KEYS = frozenset({"till_id"})
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


class SettingKeyError(ValueError):
    """The named setting does not exist or may not be changed."""


def flatten(settings: Settings) -> dict[str, Any]:
    """``{"printer.kind": "none", ...}``: every setting by its dotted name, sorted."""
    out: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key in sorted(value):
                walk(f"{prefix}{key}.", value[key])
        else:
            out[prefix[:-1]] = value

    walk("", settings.to_json_dict())
    return out


def convert(key: str, text: str, current: Any) -> Any:
    """The typed value for ``key`` from command-line ``text``; ValueError says why not."""
    stripped = text.strip()
    if key in OPTIONAL_KEYS and stripped.lower() in ("", "null", "none"):
        return None
    if isinstance(current, bool):
        lowered = stripped.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"'{key}' takes true or false, not {text!r}")
    if isinstance(current, int | float) or (current is None and key.startswith("timing.")):
        try:
            number = float(stripped)
        except ValueError:
            raise ValueError(f"'{key}' takes a number, not {text!r}") from None
        if isinstance(current, int) and number.is_integer():
            return int(number)
        return number
    if isinstance(current, list):
        if stripped.startswith("["):
            try:
                return list(json.loads(stripped))
            except (ValueError, TypeError):
                raise ValueError(f"'{key}' takes a list like 800201,800101") from None
        return [item.strip() for item in stripped.split(",") if item.strip()]
    # Escapes a person can type for the scanner's prefix and suffix ("\r" = Enter).
    if key in ("scanner.prefix", "scanner.suffix"):
        return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t")
    return text


def set_value(paths: AppPaths, key: str, text: str) -> Settings:
    """Change one setting and save; SettingKeyError/ValueError leave the file untouched."""
    current = load_settings(paths)
    flat = flatten(current)
    if key in FROZEN_KEYS:
        raise SettingKeyError(
            f"'{key}' cannot be changed: it is part of every order number this till sent"
        )
    if key not in flat:
        close = [name for name in flat if name.endswith(key) or key in name]
        hint = f" (did you mean {', '.join(close[:3])}?)" if close else ""
        raise SettingKeyError(f"there is no setting '{key}'{hint}")
    value = convert(key, text, flat[key])
    data = current.to_json_dict()
    section = data
    *parents, leaf = key.split(".")
    for name in parents:
        section = section[name]
    section[leaf] = value
    updated = parse_settings(data)  # ValueError names the key and the problem
    save_settings(updated, paths)
    return updated
