"""A lazy table model over the journal's history pages: a million rows, no stall.

Why lazy: filling a table with every row of a year freezes the till for seconds.  This model
holds the rows fetched so far; when the view scrolls near the end, Qt calls
:meth:`HistoryModel.fetchMore`, which asks the worker for the next page (keyset paging, see
``pos_app.engine.history``) and appends it when it arrives.  The GUI thread never reads the
journal: it only inserts rows it was handed.  Sorting and filtering start a new query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pos_app.engine import history as hist
from pos_app.engine.journal import Journal, TxRecord
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.ui.i18n import tr_core
from pos_app.ui.labels import safe_amount, state_text, wallet_name
from pos_app.ui.worker import Worker, assert_gui_thread

PAGE = 200
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryModel", text)


#: (header marked for translation, sort key in ``pos_app.engine.history.SORTABLE`` or None)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("HistoryModel", "Time"), "time"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Kind"), "mode"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Wallet"), "wallet"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Amount"), "amount"),
    (QT_TRANSLATE_NOOP("HistoryModel", "State"), "state"),
    (QT_TRANSLATE_NOOP("HistoryModel", "Cashier"), "cashier"),
    (QT_TRANSLATE_NOOP("HistoryModel", "QFPay number (syssn)"), None),
    (QT_TRANSLATE_NOOP("HistoryModel", "Order number"), None),
    (QT_TRANSLATE_NOOP("HistoryModel", "Reason"), None),
)


def cell_text(rec: TxRecord, column: int) -> str:
    """What one cell shows (translated state and reason, wallet names, major units)."""
    if column == 0:
        return dt.datetime.fromtimestamp(rec.created_at).strftime("%Y-%m-%d %H:%M:%S")
    if column == 1:
        return rec.mode.value
    if column == 2:
        return wallet_name(rec.wallet_code)
    if column == 3:
        return safe_amount(rec.txamt, rec.currency)
    if column == 4:
        return state_text(rec.state.value)
    if column == 5:
        return rec.cashier
    if column == 6:
        return rec.syssn or ""
    if column == 7:
        return rec.out_trade_no
    return tr_core("engine", rec.reason) if rec.reason else ""


def row_texts(rec: TxRecord) -> tuple[str, ...]:
    """Every cell of one row (translation lookups are thread-safe in Qt)."""
    return tuple(cell_text(rec, column) for column in range(len(COLUMNS)))


class HistoryModel(QAbstractTableModel):
    """Rows of one :class:`~pos_app.engine.history.HistoryFilter`, fetched page by page."""

    loading_changed = Signal(bool)
    reset_done = Signal()

    def __init__(
        self, journal: Journal, worker: Worker, page_size: int = PAGE, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._worker = worker
        self._page_size = page_size
        self.filter = hist.HistoryFilter()
        self.rows: list[TxRecord] = []
        self._texts: list[tuple[str, ...]] = []  # the cells of ``rows``, formatted
        self._next: tuple[Any, int] | None = None
        self._more = False
        self._loading = False
        self._generation = 0  # answers to an older query are dropped

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called thousands of times per repaint: plain int roles and texts formatted on the
        # worker keep a paint well inside one frame.
        role = int(role)
        if role in (_DISPLAY, _TOOLTIP):
            row = index.row()
            return self._texts[row][index.column()] if 0 <= row < len(self._texts) else None
        if role == _ALIGN and index.column() == 3:
            return _RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(COLUMNS[section][0])
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load(self._next)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.set_filter(
            hist.HistoryFilter(
                **{
                    **{f: getattr(self.filter, f) for f in self.filter.__dataclass_fields__},
                    "sort": key,
                    "descending": order == Qt.SortOrder.DescendingOrder,
                }
            )
        )

    # -- loading -------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, flt: hist.HistoryFilter) -> None:
        """Start over with another query (the first page arrives from the worker)."""
        assert_gui_thread()
        self.filter = flt
        self._generation += 1
        self.beginResetModel()
        self.rows = []
        self._texts = []
        self._next = None
        self._more = False
        self._loading = False
        self.endResetModel()
        self._load(None)

    def _load(self, after: tuple[Any, int] | None) -> None:
        journal, flt, size = self._journal, self.filter, self._page_size
        generation = self._generation
        self._loading = True
        self.loading_changed.emit(True)

        def job() -> tuple[hist.Page, list[tuple[str, ...]]]:
            got = hist.page(journal, flt, after=after, limit=size)
            return got, [row_texts(rec) for rec in got.rows]  # formatted off the GUI thread

        self._worker.run(
            job,
            success=lambda result: self._arrived(generation, after, *result),
            failure=lambda exc: self._failed(generation, exc),
            label="history page",
        )

    def _arrived(
        self,
        generation: int,
        after: tuple[Any, int] | None,
        page: hist.Page,
        texts: list[tuple[str, ...]] | None = None,
    ) -> None:
        assert_gui_thread()
        if generation != self._generation:
            return
        self._loading = False
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self._texts.extend(texts if texts is not None else map(row_texts, page.rows))
            self.endInsertRows()
        self._next = page.next_key
        self._more = page.next_key is not None
        self.loading_changed.emit(False)
        if after is None:
            self.reset_done.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self.loading_changed.emit(False)
            self._worker.report_error(exc, "history")

    def record(self, row: int) -> TxRecord | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
