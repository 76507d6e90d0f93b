"""The actual wallet reaches head office: a generic CPM sale paid with WeChat Pay is synced
with ``wallet_pay_type`` and the chain's per-wallet totals count it as WeChat Pay."""

from __future__ import annotations

import csv
import io

import pytest

from pos_app.chain import sync
from pos_app.chain.database import connect
from pos_app.chain.reports import totals
from pos_app.chain.sync import SyncWorker
from pos_app.cli.main import main

from .tillkit import Till

GENERIC_CPM = "800008"
WECHAT_PAID = "134567890123450000"
ALIPAY_PAID = "284567890123450000"
UNNAMED_PAID = "994567890123450000"


@pytest.fixture
def till(gateway, tmp_path):
    t = Till(gateway, tmp_path)
    yield t
    t.close()


def sell(till: Till, cents: int, code: str, pay_type: str = GENERIC_CPM):
    outcome = till.engine.pay_cpm(txamt=cents, currency="HKD", pay_type=pay_type, auth_code=code)
    assert outcome.paid
    return outcome


def ship(till: Till, dsn: str) -> int:
    with SyncWorker(till.journal_path, dsn, till_id="T1", environment="training") as worker:
        return worker.sync_all()


def wallets_at_head_office(dsn: str) -> dict[str, tuple[str, str | None]]:
    with connect(dsn) as conn:
        rows = conn.execute("SELECT out_trade_no, pay_type, wallet_pay_type FROM sales")
        return {r[0]: (r[1], r[2]) for r in rows.fetchall()}


def test_the_actual_wallet_is_shipped(till, headoffice):
    wechat = sell(till, 1000, WECHAT_PAID)
    alipay = sell(till, 200, ALIPAY_PAID)
    unnamed = sell(till, 30, UNNAMED_PAID)
    ship(till, headoffice.dsn)
    assert wallets_at_head_office(headoffice.dsn) == {
        wechat.out_trade_no: (GENERIC_CPM, "800208"),
        alipay.out_trade_no: (GENERIC_CPM, "800108"),
        unnamed.out_trade_no: (GENERIC_CPM, GENERIC_CPM),  # the answer named no wallet
    }


def test_chain_totals_per_wallet_use_the_actual_wallet(till, headoffice, capsys):
    sell(till, 1000, WECHAT_PAID)
    sell(till, 500, WECHAT_PAID, pay_type="800208")  # WeChat Pay asked for by name
    sell(till, 200, ALIPAY_PAID)
    sell(till, 30, UNNAMED_PAID)
    ship(till, headoffice.dsn)
    with connect(headoffice.dsn) as conn:
        day = conn.execute("SELECT MIN(local_day) FROM sales").fetchone()[0]
        report = totals(conn, day, day, by="wallet", environment="training")
    assert {(r.group, r.paid_count, r.paid_amount) for r in report.rows} == {
        ("WeChat Pay", 2, 1500),
        ("Alipay", 1, 200),
        ("QR wallet", 1, 30),
    }
    base = ["--env", "training", "chain", "report", "--database", headoffice.dsn]
    assert main([*base, "totals", "--by", "wallet", "--date", str(day), "--csv", "-"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["group"]: r["net"] for r in rows} == {
        "WeChat Pay": "1500",
        "Alipay": "200",
        "QR wallet": "30",
    }


def test_rows_shipped_before_head_office_kept_wallets_get_them(till, headoffice):
    """A head office upgraded to revision 0002 holds rows without the wallet and a cursor
    past them: the till's next round ships its journal once more and fills them in."""
    wechat = sell(till, 1000, WECHAT_PAID)
    ship(till, headoffice.dsn)
    with connect(headoffice.dsn) as conn:  # as revision 0002 found them
        conn.execute("UPDATE sales SET wallet_pay_type = NULL")
        conn.execute("UPDATE tills SET wallets_shipped = false")
        (events,) = conn.execute("SELECT COUNT(*) FROM sale_events").fetchone()
    later = sell(till, 70, ALIPAY_PAID)
    ship(till, headoffice.dsn)
    assert wallets_at_head_office(headoffice.dsn) == {
        wechat.out_trade_no: (GENERIC_CPM, "800208"),
        later.out_trade_no: (GENERIC_CPM, "800108"),
    }
    with connect(headoffice.dsn) as conn:
        (after,) = conn.execute("SELECT COUNT(*) FROM sale_events").fetchone()
        (flag,) = conn.execute("SELECT wallets_shipped FROM tills").fetchone()
    assert flag is True
    assert after > events  # the new sale's events, and nothing doubled (primary key)
    assert ship(till, headoffice.dsn) == 0  # and only once


def test_a_copy_without_the_wallet_never_erases_it(till, headoffice):
    """A till not yet at schema step 6 (or an older copy) sends NULL: the wallet stays."""
    outcome = sell(till, 1000, WECHAT_PAID)
    ship(till, headoffice.dsn)
    with connect(headoffice.dsn) as conn:
        row = conn.execute(
            "SELECT environment, till_id, shop, out_trade_no, sale_id, mode, cashier, txamt, "
            "currency, pay_type, state, syssn, respcd, reason, orig_syssn, manager, "
            "created_at, updated_at, local_day, NULL FROM sales"
        ).fetchone()
        conn.execute(sync._UPSERT_SALE, row)
    assert wallets_at_head_office(headoffice.dsn)[outcome.out_trade_no] == (GENERIC_CPM, "800208")


@pytest.fixture
def office_at_0001(pg_cluster, monkeypatch):
    """A head office created by the previous release (revision 0001), holding one sale."""
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from pos_app.chain.schema import _alembic_config

    admin = f"postgresql://{pg_cluster.user}@127.0.0.1:{pg_cluster.port}/postgres"
    with connect(admin, password=pg_cluster.password, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS old_office WITH (FORCE)")
        conn.execute("CREATE DATABASE old_office")
    monkeypatch.setenv("PGPASSWORD", pg_cluster.password)
    dsn = admin.replace("/postgres", "/old_office")
    engine = create_engine(
        "postgresql+psycopg://", creator=lambda: connect(dsn), poolclass=NullPool
    )
    with engine.connect() as connection:
        command.upgrade(_alembic_config(connection), "0001")
        connection.commit()
    engine.dispose()
    with connect(dsn) as conn:
        conn.execute(
            "INSERT INTO tills (till_id, environment, last_event_id) VALUES ('T1', 'prod', 9)"
        )
        conn.execute(
            "INSERT INTO sales (out_trade_no, environment, till_id, sale_id, mode, cashier, "
            "txamt, currency, pay_type, state, created_at, updated_at, local_day) VALUES "
            "('OLD1', 'prod', 'T1', 'S1', 'CPM', 'amy', 100, 'HKD', '800008', 'PAID', 1, 1, "
            "'2026-11-29')"
        )
    yield dsn
    with connect(admin, password=pg_cluster.password, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS old_office WITH (FORCE)")


def test_an_old_head_office_is_migrated_keeping_its_rows(office_at_0001):
    from pos_app.chain.schema import current_revision, head_revision, migrate

    assert current_revision(office_at_0001) == "0001"
    assert migrate(office_at_0001) == head_revision() == "0002"
    with connect(office_at_0001) as conn:
        sale = conn.execute("SELECT out_trade_no, wallet_pay_type FROM sales").fetchall()
        till = conn.execute("SELECT last_event_id, wallets_shipped FROM tills").fetchall()
    assert sale == [("OLD1", None)]
    assert till == [(9, False)]  # its till will ship its journal once more
