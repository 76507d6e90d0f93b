"""The command line's face on the composition root (:mod:`pos_app.runtime`).

All the building (environment, journal, client, engine, training gateway) lives in
:class:`~pos_app.runtime.TillRuntime`, shared with the window; this module only turns the
parsed arguments into :class:`~pos_app.runtime.RunOptions` and keeps them at hand
(``rt.args``) for the commands that read their own options.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from pos_app.runtime import RunOptions, TillRuntime
from pos_app.settings import Settings


def options_from_args(args: argparse.Namespace) -> RunOptions:
    """The run-wide options; a subcommand's namespace may lack ``cashier`` or ``http_timeout``."""
    return RunOptions(
        env=args.env,
        region=args.region,
        base_url=args.base_url,
        data_dir=args.data_dir,
        config_dir=args.config_dir,
        cashier=getattr(args, "cashier", None),
        http_timeout=getattr(args, "http_timeout", None),
    )


class Runtime(TillRuntime):
    """One CLI run: the shared root plus the parsed arguments it was built from."""

    def __init__(
        self,
        args: argparse.Namespace,
        environ: Mapping[str, str] | None = None,
        _settings: Settings | None = None,
    ) -> None:
        super().__init__(options_from_args(args), environ=environ, settings=_settings)
        self.args = args
        command = getattr(args, "command", None)
        if command:  # names this process in another process's "busy" message (ownership)
            self.journal_label = f"qfpay-pos {command}"
