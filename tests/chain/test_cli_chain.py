"""The chain commands end to end: backoffice serve, a till paying in chain mode, reports."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import psycopg
import pytest

from pos_app.chain.database import connect
from pos_app.chain.schema import current_revision, head_revision
from pos_app.chain.sync import SyncWorker
from pos_app.cli.main import main
from pos_app.settings import ChainSettings, resolve_paths, update_settings

from .notify_kit import notification, send
from .tillkit import Till


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def empty_database(pg_cluster, monkeypatch):
    admin = f"postgresql://{pg_cluster.user}@127.0.0.1:{pg_cluster.port}/postgres"
    with psycopg.connect(admin, password=pg_cluster.password, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS fresh_office WITH (FORCE)")
        conn.execute("CREATE DATABASE fresh_office")
    monkeypatch.setenv("PGPASSWORD", pg_cluster.password)
    yield admin.replace("/postgres", "/fresh_office")
    with psycopg.connect(admin, password=pg_cluster.password, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS fresh_office WITH (FORCE)")


def test_backoffice_serve_creates_its_schema_and_answers_notifications(empty_database):
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pos_app",
            "--env",
            "training",
            "backoffice",
            "serve",
            "--database",
            empty_database,
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    try:
        line = proc.stdout.readline()
        assert "back office serving" in line, line or proc.stderr.read()
        url = f"http://127.0.0.1:{port}/qfpay/notify"
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = send(url, notification("T1CLI", 4200))
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert (answer.status_code, answer.text) == (200, "SUCCESS")
        assert send(url, notification("T1CLI", 4200), signature="F" * 32).status_code == 401
        assert current_revision(empty_database) == head_revision()
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert "notification refused (401)" in err and "signature does not match" in err
    with connect(empty_database) as conn:
        assert conn.execute("SELECT out_trade_no FROM notifications").fetchall() == [("T1CLI",)]


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["--database", "postgresql://bo:pw@h/db", "--bind", "127.0.0.1:1"], "no password"),
        (["--database", "postgresql://bo@h/db", "--bind", "nonsense"], "HOST:PORT"),
        (["--bind", "127.0.0.1:8080"], "No head office"),
    ],
)
def test_backoffice_refuses_bad_usage_before_touching_anything(capsys, args, why):
    assert main(["--env", "training", "backoffice", "serve", *args]) == 2
    assert why in capsys.readouterr().err


def test_a_till_in_chain_mode_pays_and_its_sale_reaches_head_office(headoffice, gateway):
    update_settings(resolve_paths(), chain=ChainSettings(database=headoffice.dsn, shop="Central"))
    code = main(
        [
            "--env",
            "training",
            "--base-url",
            gateway.base_url,
            "pay",
            "--amount",
            "3.50",
            "--pay-type",
            "800208",
            "--auth-code",
            "134567890123450000",
        ]
    )
    assert code == 0
    with connect(headoffice.dsn) as conn:
        rows = conn.execute("SELECT shop, txamt, state FROM sales").fetchall()
        (budget,) = conn.execute("SELECT granted FROM rate_budget").fetchone()
    assert rows == [("Central", 350, "PAID")]
    assert budget >= 1  # the payment went through the merchant-wide budget


def _sales(gateway, tmp_path, headoffice):
    tills = {
        ("T1", "Central"): Till(gateway, tmp_path / "a", "T1", cashier="amy"),
        ("T2", "Central"): Till(gateway, tmp_path / "b", "T2", cashier="bo"),
        ("T3", "Kowloon"): Till(gateway, tmp_path / "c", "T3", cashier="amy"),
    }
    for till in tills.values():
        till.pay(1000)
        till.pay(250)
        till.decline()
    for (till_id, shop), till in tills.items():
        with SyncWorker(
            till.journal_path, headoffice.dsn, till_id=till_id, environment="training", shop=shop
        ) as worker:
            worker.sync_all()
    return tills


def test_chain_totals_per_shop_till_and_cashier_with_csv(headoffice, gateway, tmp_path, capsys):
    tills = _sales(gateway, tmp_path, headoffice)
    base = ["--env", "training", "chain", "report", "--database", headoffice.dsn]
    assert main([*base, "totals", "--by", "shop", "--csv", "-"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["group"]: (r["paid_count"], r["net"]) for r in rows} == {
        "Central": ("4", "2500"),
        "Kowloon": ("2", "1250"),
    }
    out_file = tmp_path / "cashier.csv"
    assert main([*base, "totals", "--by", "cashier", "--csv", str(out_file)]) == 0
    by_cashier = {r["group"]: r["paid_amount"] for r in csv.DictReader(out_file.open())}
    assert by_cashier == {"amy": "2500", "bo": "1250"}
    assert main([*base, "x", "--by", "till"]) == 0
    assert "T3" in capsys.readouterr().out
    # Z: the tills have not synced past the end of today, so the day is not closed yet
    assert main([*base, "z"]) == 4
    assert "has not synced past the end" in capsys.readouterr().err
    for till in tills.values():
        till.close()


def test_reconciliation_of_the_whole_merchant_against_qfpay(headoffice, gateway, tmp_path, capsys):
    tills = _sales(gateway, tmp_path, headoffice)
    base = [
        "--env",
        "training",
        "--base-url",
        gateway.base_url,
        "chain",
        "report",
        "--database",
        headoffice.dsn,
        "reconcile",
    ]
    assert main(base) == 0
    assert "6 matched, 0 to check" in capsys.readouterr().out
    # a sale the books never got (a till that has not synced) shows up as only at QFPay
    extra = tills[("T1", "Central")].pay(777)
    with connect(headoffice.dsn) as conn:
        conn.execute("UPDATE sales SET txamt = 999 WHERE txamt = 250 AND till_id = 'T2'")
    assert main([*base, "--csv", str(tmp_path / "rec.csv")]) == 4
    found = {r["out_trade_no"]: r["finding"] for r in csv.DictReader((tmp_path / "rec.csv").open())}
    assert found[extra.out_trade_no] == "only_at_qfpay"
    assert sorted(found.values()).count("amount_differs") == 1
    for till in tills.values():
        till.close()


def test_chain_status_shows_how_far_behind_this_till_is(headoffice, capsys):
    update_settings(resolve_paths(), chain=ChainSettings(database=headoffice.dsn))
    assert main(["--env", "training", "chain", "status"]) == 0
    assert "events behind head office" in capsys.readouterr().out


def test_tills_join_with_settings_set_and_a_password_is_refused(capsys):
    from pos_app.settings import load_settings

    address = "postgresql://till@ho.example:5432/books"
    assert main(["settings", "set", "chain.database", address]) == 0
    assert main(["settings", "set", "chain.database", "postgresql://till:pw@ho/books"]) == 2
    assert "must not contain a password" in capsys.readouterr().err
    assert load_settings(resolve_paths()).chain.database == address
