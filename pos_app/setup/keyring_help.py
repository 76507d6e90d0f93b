"""What to tell a shop owner whose computer cannot keep the client key.

The till never falls back to a plain-text file for the key, so a missing keyring must be
explained well enough to be fixed by the person at the counter: *which* package or service
is missing and the command that installs or starts it.  Training mode needs no keyring and
keeps working meanwhile.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.setup.messages import Message

CONTEXT = "Keyring"


def keyring_problem(
    error_name: str,
    *,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Message:
    """Explain a keyring failure (``error_name`` is the keyring exception's class name)."""
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    if error_name == "KeyringLocked":
        return Message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Keyring",
                "The system keyring is locked. Unlock it (log in to the desktop, or open "
                "'Passwords and Keys' and unlock 'Login'), then try again.",
            ),
        )
    if platform.startswith("linux"):
        if not env.get("DBUS_SESSION_BUS_ADDRESS"):
            return Message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "Keyring",
                    "No keyring is reachable: the till was started outside a desktop session "
                    "(no D-Bus session bus). Start it from the desktop, or run it inside "
                    "'dbus-run-session' with gnome-keyring-daemon unlocked.",
                ),
            )
        return Message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "Keyring",
                "No keyring service is running ({error}). Install one: 'sudo apt-get install "
                "gnome-keyring' (Debian/Ubuntu) or 'sudo dnf install gnome-keyring' (Fedora), "
                "then log out and in again. The till never stores the key in a file; training "
                "mode works meanwhile.",
            ),
            {"error": error_name},
        )
    if platform == "darwin":
        template = QT_TRANSLATE_NOOP(
            "Keyring",
            "The macOS Keychain refused the till ({error}). Open 'Keychain Access', make sure "
            "the 'login' keychain is unlocked, and allow 'qfpay-pos' when asked.",
        )
    elif platform == "win32":
        template = QT_TRANSLATE_NOOP(
            "Keyring",
            "The Windows Credential Manager refused the till ({error}). Sign in to Windows "
            "with a normal user account (not a guest or kiosk account) and try again.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "Keyring",
            "No keyring is available on this computer ({error}); the till never stores the "
            "key in a file. Training mode works meanwhile.",
        )
    return Message(CONTEXT, template, {"error": error_name})


def keyring_available() -> Message | None:
    """None when a usable keyring backend is there; otherwise why not, in plain words."""
    import keyring  # noqa: PLC0415 - ~40 ms, only when asked
    import keyring.errors  # noqa: PLC0415

    backend = keyring.get_keyring()
    priority = getattr(backend, "priority", 1)
    name = type(backend).__module__ + "." + type(backend).__name__
    if name.startswith("keyring.backends.fail") or priority <= 0:
        return keyring_problem("NoKeyringError")
    try:
        backend.get_password("qfpay-pos/probe", "probe")
    except keyring.errors.KeyringError as exc:
        return keyring_problem(type(exc).__name__)
    return None
