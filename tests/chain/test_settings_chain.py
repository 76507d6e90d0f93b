"""The chain.database and chain.shop settings: an address, never a password."""

from __future__ import annotations

import pytest

from pos_app.settings import ChainSettings, default_settings, parse_settings


def parse(chain):
    data = default_settings("T1").to_json_dict()
    data["chain"] = chain
    return parse_settings(data)


def test_defaults_mean_a_till_working_alone():
    assert default_settings("T1").chain == ChainSettings(database=None, shop="")
    assert parse({}).chain.database is None


def test_an_address_and_shop_are_kept():
    chain = parse(
        {"database": " postgresql://till@ho.example:5432/books ", "shop": "Central"}
    ).chain
    assert chain == ChainSettings("postgresql://till@ho.example:5432/books", "Central")


@pytest.mark.parametrize(
    ("chain", "why"),
    [
        ({"database": "postgresql://till:secret@ho/books"}, "must not contain a password"),
        ({"database": "mysql://till@ho/books"}, "postgresql://"),
        ({"database": 5}, "an address or null"),
        ({"shop": "x" * 41}, "at most 40"),
        ({"colour": "red"}, "unknown setting 'chain.colour'"),
    ],
)
def test_bad_chain_settings_are_refused_with_the_reason(chain, why):
    with pytest.raises(ValueError, match=why):
        parse(chain)
