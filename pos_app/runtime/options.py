"""What a run asks for, independent of where it was asked (command line, window, test).

The CLI fills a :class:`RunOptions` from its arguments; the window uses the defaults.  Only
the choices a person makes per run live here; everything durable is in the settings file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pos_app.qfpay.environments import ENVIRONMENTS
from pos_app.qfpay.errors import ConfigurationError
from pos_app.settings import Settings

#: The documents' variable naming the environment (``pos_app.credentials`` checks the
#: QFPAY_* credentials against the same name; a test keeps the two equal).  Not imported from
#: there: the credentials module loads the wire models, which the window's first paint
#: should not wait for.
ENV_ENVIRONMENT = "QFPAY_ENV"


@dataclass(frozen=True)
class RunOptions:
    """Per-run overrides; ``None`` everywhere means "as the settings and environment say"."""

    env: str | None = None
    region: str | None = None
    base_url: str | None = None
    data_dir: str | None = None
    config_dir: str | None = None
    cashier: str | None = None
    http_timeout: float | None = None


def choose_environment(env: str | None, settings: Settings, environ: Mapping[str, str]) -> str:
    """``--env`` wins, then ``QFPAY_ENV`` (the documents' variable), then the settings file."""
    if env:
        return str(env)
    from_env = environ.get(ENV_ENVIRONMENT, "").strip().lower()
    if from_env:
        if from_env not in ENVIRONMENTS:
            raise ConfigurationError(
                f"{ENV_ENVIRONMENT}={from_env!r} is not one of {', '.join(ENVIRONMENTS)}"
            )
        return from_env
    return settings.environment


def preview_environment(env: str | None, settings: Settings, environ: Mapping[str, str]) -> str:
    """The environment to *show* before the core is built, never raising.

    The window paints before anything is checked; a bad ``QFPAY_ENV`` is shown as typed
    and refused, with one clear message, when the core is built.
    """
    try:
        return choose_environment(env, settings, environ)
    except ConfigurationError:
        return environ.get(ENV_ENVIRONMENT, "").strip().lower()
