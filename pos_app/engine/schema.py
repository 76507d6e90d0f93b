"""The journal's schema, as an ordered list of migration steps.

``PRAGMA user_version`` says how many steps a file has had.  Opening a file runs the missing
steps in one transaction each, so a till upgraded in the field keeps its history; a file with
a higher version than this code knows is refused rather than guessed at.  Steps are append-
only: never edit a released step, add a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: transactions and their append-only audit trail.
    """
    CREATE TABLE transactions (
        out_trade_no TEXT PRIMARY KEY,
        sale_id      TEXT NOT NULL,
        mode         TEXT NOT NULL CHECK (mode IN ('CPM', 'MPM', 'REFUND')),
        till_id      TEXT NOT NULL,
        cashier      TEXT NOT NULL,
        txamt        INTEGER NOT NULL CHECK (txamt > 0),
        currency     TEXT NOT NULL,
        pay_type     TEXT NOT NULL,
        auth_code    TEXT,
        state        TEXT NOT NULL,
        syssn        TEXT,
        respcd       TEXT,
        reason       TEXT NOT NULL DEFAULT '',
        deadline     REAL,
        qrcode       TEXT,
        orig_syssn   TEXT,
        manager      TEXT,
        created_at   REAL NOT NULL,
        updated_at   REAL NOT NULL,
        local_day    TEXT NOT NULL
    );
    CREATE INDEX transactions_state ON transactions(state);
    CREATE INDEX transactions_day ON transactions(local_day);
    CREATE INDEX transactions_sale ON transactions(sale_id);
    CREATE INDEX transactions_orig ON transactions(orig_syssn);
    CREATE INDEX transactions_syssn ON transactions(syssn);
    CREATE TABLE events (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        out_trade_no TEXT NOT NULL REFERENCES transactions(out_trade_no),
        at           REAL NOT NULL,
        kind         TEXT NOT NULL,
        state        TEXT,
        respcd       TEXT,
        detail       TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX events_otn ON events(out_trade_no);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER transactions_no_delete BEFORE DELETE ON transactions
    BEGIN SELECT RAISE(ABORT, 'transactions are never deleted'); END;
    """,
    # 2: managers who may authorise refunds (PIN hashes only, never PINs).
    """
    CREATE TABLE managers (
        name         TEXT PRIMARY KEY,
        pin_hash     TEXT NOT NULL,
        failed_tries INTEGER NOT NULL DEFAULT 0,
        locked_until REAL NOT NULL DEFAULT 0,
        created_at   REAL NOT NULL
    );
    """,
    # 3 (manager): a fast open-items list, numbered Z reports that close the business day,
    # and the indexes that keep history paging and report aggregation quick on a journal of
    # millions of rows.  ``z_number`` NULL = the open business day; a Z report stamps it once.
    """
    CREATE INDEX transactions_open ON transactions(created_at)
        WHERE state IN ('CREATED', 'SENT', 'IN_PROGRESS', 'UNKNOWN', 'CANCELLING');
    CREATE INDEX transactions_created ON transactions(created_at);
    CREATE INDEX transactions_last4 ON transactions(substr(auth_code, -4));
    CREATE INDEX transactions_amount ON transactions(txamt);
    ALTER TABLE transactions ADD COLUMN z_number INTEGER;
    CREATE INDEX transactions_z ON transactions(
        z_number, mode, state, pay_type, currency, txamt, cashier, created_at
    );
    CREATE TABLE z_reports (
        number       INTEGER PRIMARY KEY,
        till_id      TEXT NOT NULL,
        closed_at    REAL NOT NULL,
        closed_by    TEXT NOT NULL,
        opened_at    REAL,
        tx_count     INTEGER NOT NULL,
        snapshot     TEXT NOT NULL
    );
    CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports
    BEGIN SELECT RAISE(ABORT, 'a Z report cannot be reopened'); END;
    CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports
    BEGIN SELECT RAISE(ABORT, 'a Z report cannot be reopened'); END;
    CREATE TRIGGER transactions_z_once BEFORE UPDATE OF z_number ON transactions
    WHEN OLD.z_number IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a closed business day cannot be reopened'); END;
    """,
    # 4 (integrity): who owns each open transaction across processes (claims with a renewed
    #    lease), the append-only audit trail of manager changes and lockouts, and escalating
    #    lockouts.
    """
    CREATE TABLE claims (
        out_trade_no TEXT PRIMARY KEY,
        token        TEXT NOT NULL,
        pid          INTEGER NOT NULL,
        host         TEXT NOT NULL,
        started      INTEGER NOT NULL,
        label        TEXT NOT NULL DEFAULT '',
        since        REAL NOT NULL,
        lease_until  REAL NOT NULL
    );
    CREATE INDEX claims_token ON claims(token);
    CREATE TABLE audit (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      REAL NOT NULL,
        kind    TEXT NOT NULL,
        actor   TEXT,
        subject TEXT,
        detail  TEXT NOT NULL DEFAULT ''
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    ALTER TABLE managers ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0;
    """,
    # 5 (settings2): optional cashier PINs, as slow hashes beside the managers' (the names
    #    stay in settings.json, which is shared and exported, so no hash may live there).
    """
    CREATE TABLE cashier_pins (
        name         TEXT PRIMARY KEY,
        pin_hash     TEXT NOT NULL,
        failed_tries INTEGER NOT NULL DEFAULT 0,
        locked_until REAL NOT NULL DEFAULT 0,
        lockouts     INTEGER NOT NULL DEFAULT 0,
        set_at       REAL NOT NULL
    );
    """,
    # 6 (wallet): the pay type the gateway's own answer named for this order, when that answer
    #    was evidence for it.  A generic CPM code (800008 "CPM for all wallets") does not say
    #    which wallet the customer used; the answer does, and the screen, receipt, history and
    #    reports show that one.  NULL: no answer named one (or it was not evidence).
    """
    ALTER TABLE transactions ADD COLUMN wallet_pay_type TEXT;
    """,
    # 7 (speed): the open-items index of step 3, spelled with OR instead of IN.  SQLite
    #    evaluates a partial index's ``IN (...)`` list of three or more values by building a
    #    throwaway table, on every INSERT and for both rows of every UPDATE: 0.14 ms per write
    #    to ``transactions`` (two per payment), a tenth of a payment's whole cost.  The same
    #    set as OR terms costs nothing.  Queries spell it the same way (``OPEN_CLAUSE``).
    #    Two indexes every payment paid for without need go too: ``local_day`` is a function
    #    of ``created_at`` (a day's rows are a ``created_at`` range, which
    #    ``transactions_created`` serves), and ``orig_syssn`` is set on refunds only.
    """
    DROP INDEX transactions_open;
    CREATE INDEX transactions_open ON transactions(created_at)
        WHERE (state = 'CREATED' OR state = 'SENT' OR state = 'IN_PROGRESS'
               OR state = 'UNKNOWN' OR state = 'CANCELLING');
    DROP INDEX transactions_day;
    DROP INDEX transactions_orig;
    CREATE INDEX transactions_orig ON transactions(orig_syssn) WHERE orig_syssn IS NOT NULL;
    """,
    # 8 (in flight): until when the request that opened the row may still be on its way to,
    #    or being booked by, the gateway: the moment it left plus the client's whole-call
    #    deadline, on the wall clock and on the sending boot's monotonic clock (with that
    #    boot's id; ``engine.in_flight``).  "No such order" proves a payment never arrived
    #    only after that (and the index lag); the process that sent it knew its deadline, the
    #    one that recovers it after a crash may run with another.  NULL: an older till's row.
    """
    ALTER TABLE transactions ADD COLUMN in_flight_until REAL;
    ALTER TABLE transactions ADD COLUMN in_flight_boot TEXT;
    ALTER TABLE transactions ADD COLUMN in_flight_ticks REAL;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
