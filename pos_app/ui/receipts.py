"""Printing receipts from the till: after a paid sale or a refund, and on reprint.

Printing is never on the money path.  The journal already holds the transaction when a
receipt is printed, so a jammed or unplugged printer only produces a notice for the cashier
(and a reprint from history later); it can never change or delay a payment's outcome.

Printers block (USB, serial and sockets are slow, a paper-out printer may hang for its
timeout), so every job runs on a *separate* one-thread worker: the device bus.  Jobs are
printed in order, and a slow printer can never occupy the pool threads that payments,
cancels and refunds run on.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.ui.i18n import tr_core, tr_message
from pos_app.ui.worker import Worker, assert_gui_thread

if TYPE_CHECKING:
    from pos_app.devices.printers import ReceiptPrinter
    from pos_app.devices.receipt import Receipt
    from pos_app.engine.journal import Journal, TxRecord

log = logging.getLogger(__name__)

NO_RECORD = QT_TRANSLATE_NOOP(
    "receipts", "The receipt could not be printed: the transaction is not in the journal."
)


def build_receipt(
    record: TxRecord,
    *,
    training: bool,
    merchant_name: str = "",
    copy: Any = None,
    shop_address: str = "",
    footer: str = "",
    reprint: bool = False,
) -> Receipt:
    """The receipt for a journal row (the one place a journal row becomes a receipt)."""
    from pos_app.devices.receipt import Receipt, ReceiptKind  # noqa: PLC0415
    from pos_app.ui.labels import wallet_name  # noqa: PLC0415

    return Receipt(
        merchant_name=merchant_name or "QFPay",
        till_id=record.till_id,
        cashier=record.cashier,
        when=dt.datetime.fromtimestamp(record.created_at),
        kind=ReceiptKind.REFUND if record.mode.value == "REFUND" else ReceiptKind.PAYMENT,
        txamt=record.txamt,
        currency=record.currency,
        wallet=wallet_name(record.wallet_code),  # the actual wallet where the gateway named it
        out_trade_no=record.out_trade_no,
        status=record.state.value,
        syssn=record.syssn,
        auth_code=record.auth_code,
        training=training,
        original_syssn=record.orig_syssn,
        manager=record.manager,
        copy=copy,
        shop_address=shop_address,
        footer=footer,
        reprint=reprint,
    )


def printer_message(exc: BaseException) -> str:
    """The cashier's sentence for a failed print job (``PrinterError`` carries it)."""
    from pos_app.devices.printers import PrinterError  # noqa: PLC0415

    if isinstance(exc, PrinterError):
        return tr_core("devices", str(exc.args[0]))
    if isinstance(exc, LookupError):
        return tr_core("receipts", NO_RECORD)
    return tr_message(str(exc)) or tr_core("receipts", NO_RECORD)


class ReceiptPrinting(QObject):
    """Sends receipts to the configured printer on the device worker, in order."""

    printed = Signal(str)  # out_trade_no
    failed = Signal(str, str)  # out_trade_no, cashier message

    def __init__(
        self,
        printer: ReceiptPrinter | None,
        journal: Journal,
        *,
        training: bool,
        auto_print: bool = True,
        merchant_copy: bool = False,
        merchant_name: str = "",
        shop_address: str = "",
        footer: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.printer = printer
        self.journal = journal
        self.training = training
        self.auto_print = auto_print
        self.merchant_copy = merchant_copy
        self.merchant_name = merchant_name
        self.shop = {"shop_address": shop_address, "footer": footer}
        self.worker = Worker(self, max_threads=1)  # the device bus: one job at a time

    def after_transaction(self, out_trade_no: str) -> None:
        """A sale was paid or a refund went through: print if auto-print is on."""
        if self.auto_print:
            self.print_transaction(out_trade_no)

    def print_transaction(self, out_trade_no: str, *, reprint: bool = False) -> None:
        """Print the journal's record of ``out_trade_no``, off the GUI thread.

        ``reprint``: printed again on request, marked "COPY / 副本".
        """
        assert_gui_thread()
        printer = self.printer
        if printer is None:
            return
        journal, training, name = self.journal, self.training, self.merchant_name
        shop = dict(self.shop)
        copies: list[Any] = [None]
        if self.merchant_copy:
            from pos_app.devices.receipt import ReceiptCopy  # noqa: PLC0415

            copies = [ReceiptCopy.CUSTOMER, ReceiptCopy.MERCHANT]

        def job() -> str:
            record = journal.get(out_trade_no)
            if record is None:
                raise LookupError(out_trade_no)
            for copy in copies:
                printer.print_receipt(
                    build_receipt(
                        record,
                        training=training,
                        merchant_name=name,
                        copy=copy,
                        reprint=reprint,
                        **shop,
                    )
                )
            return out_trade_no

        self.worker.run(
            job,
            success=self.printed.emit,
            failure=lambda exc: self._failed(out_trade_no, exc),
            label="print receipt",
        )

    def _failed(self, out_trade_no: str, exc: BaseException) -> None:
        log.warning(
            "receipt for %s not printed", out_trade_no, exc_info=(type(exc), exc, exc.__traceback__)
        )
        self.failed.emit(out_trade_no, printer_message(exc))

    def wait(self, msecs: int) -> bool:
        """On shutdown: give a job in progress a moment to finish."""
        return self.worker.wait_for_done(msecs)
