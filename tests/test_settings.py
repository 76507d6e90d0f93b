"""Settings file: first run, round trip, strict validation, atomic writes, path overrides."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from pos_app.settings import (
    AppPaths,
    PrinterSettings,
    SettingsError,
    TimingSettings,
    default_settings,
    generate_till_id,
    load_settings,
    load_settings_or_defaults,
    resolve_paths,
    save_settings,
    system_language,
    update_settings,
)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "config", tmp_path / "data")


def test_first_run_writes_training_defaults_with_a_stable_till_id(paths: AppPaths) -> None:
    first = load_settings(paths)
    assert first.environment == "training"
    assert first.currency == "HKD"
    assert paths.settings_file.exists()
    assert load_settings(paths).till_id == first.till_id


def test_till_id_is_short_and_alphanumeric() -> None:
    ids = {generate_till_id() for _ in range(50)}
    assert len(ids) > 45
    for till_id in ids:
        assert till_id.startswith("T") and len(till_id) == 7
        assert till_id.isalnum() and till_id.isascii() and till_id == till_id.upper()


def test_round_trip_keeps_every_field(paths: AppPaths) -> None:
    settings = dataclasses.replace(
        default_settings("TABC123"),
        environment="sandbox",
        region="sg",
        base_url="https://example.test/",
        pay_types=("800008", "800108"),
        sounds=False,
        language="zh_HK",
        timing=TimingSettings(poll_interval_s=0.2, cpm_timeout_s=30),
        printer=PrinterSettings(kind="file", target="/tmp/receipts.txt", auto_print=False),
    )
    save_settings(settings, paths)
    loaded = load_settings(paths)
    assert loaded == dataclasses.replace(settings, base_url="https://example.test")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "is not valid JSON (line 1"),
        ('["a list"]', "must be an object"),
        ('{"till_id": "T1", "environment": "live"}', "unknown environment 'live'"),
        ('{"till_id": "T1", "region": "mars"}', "unknown region 'mars'"),
        ('{"till_id": "T1", "sounds": "yes"}', "'sounds' must be true or false"),
        ('{"till_id": "T1", "timing": {"poll_interval_s": "fast"}}', "timing.poll_interval_s"),
        ('{"till_id": "T1", "timing": {"poll_interval_s": true}}', "must be a number"),
        ('{"till_id": "T1", "timing": {"cpm_timeout_s": -1}}', "between"),
        ('{"till_id": "T1", "scanner": {"serial_baud": 1.5}}', "scanner.serial_baud"),
        ('{"till_id": "T1", "colour": "red"}', "unknown setting 'colour'"),
        ('{"till_id": "T1", "printer": {"paper": 1}}', "unknown setting 'printer.paper'"),
        ('{"till_id": "T1", "printer": {"auto_print": 1}}', "printer.auto_print"),
        ('{"till_id": "T-1!"}', "'till_id' must be"),
        ('{"environment": "training"}', "'till_id' is missing"),
        ('{"till_id": "T1", "pay_types": ["abc"]}', "six-digit pay type"),
        ('{"till_id": "T1", "base_url": "http://evil.example"}', "https://"),
        ('{"till_id": "T1", "currency": "HK"}', "three-letter"),
    ],
)
def test_corrupt_file_names_file_and_problem_and_is_left_alone(
    paths: AppPaths, content: str, fragment: str
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(content, encoding="utf-8")
    before = paths.settings_file.stat().st_mtime_ns
    with pytest.raises(SettingsError) as caught:
        load_settings(paths)
    message = str(caught.value)
    assert str(paths.settings_file) in message
    assert fragment in message
    assert paths.settings_file.read_text(encoding="utf-8") == content
    assert paths.settings_file.stat().st_mtime_ns == before
    assert list(paths.config_dir.iterdir()) == [paths.settings_file]


def test_binary_garbage_is_reported_not_crashed(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SettingsError, match="not UTF-8"):
        load_settings(paths)


def test_defaults_only_when_asked_and_file_untouched(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text("{oops", encoding="utf-8")
    settings, problem = load_settings_or_defaults(paths)
    assert problem is not None and "is not valid JSON" in problem.problem
    assert settings.environment == "training"
    assert paths.settings_file.read_text(encoding="utf-8") == "{oops"


def test_update_refuses_to_overwrite_a_corrupt_file(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text('{"till_id": 5}', encoding="utf-8")
    with pytest.raises(SettingsError):
        update_settings(paths, environment="sandbox")
    assert paths.settings_file.read_text(encoding="utf-8") == '{"till_id": 5}'


def test_update_validates_before_writing(paths: AppPaths) -> None:
    original = load_settings(paths)
    with pytest.raises(SettingsError, match="unknown environment"):
        update_settings(paths, environment="staging")
    assert load_settings(paths) == original
    changed = update_settings(paths, environment="sandbox", region="th")
    assert load_settings(paths) == changed
    assert changed.till_id == original.till_id


def test_write_is_atomic_when_replace_fails(paths: AppPaths, monkeypatch) -> None:
    save_settings(default_settings("TKEEP01"), paths)
    good = paths.settings_file.read_text(encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SettingsError, match="cannot be written"):
        save_settings(default_settings("TNEW001"), paths)
    assert paths.settings_file.read_text(encoding="utf-8") == good
    assert list(paths.config_dir.iterdir()) == [paths.settings_file]


def test_file_holds_no_secret_fields(paths: AppPaths) -> None:
    load_settings(paths)
    data = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    flat = json.dumps(data).lower()
    for word in ("client_key", "app_code", "mchid", "password", "pin"):
        assert word not in flat


def test_paths_explicit_then_environment_then_platform(tmp_path: Path) -> None:
    explicit = resolve_paths(tmp_path / "c", tmp_path / "d", environ={})
    assert explicit == AppPaths(tmp_path / "c", tmp_path / "d")
    from_env = resolve_paths(
        environ={"QFPAY_POS_CONFIG_DIR": str(tmp_path / "ec"), "QFPAY_POS_DATA_DIR": "/x/d"}
    )
    assert from_env == AppPaths(tmp_path / "ec", Path("/x/d"))
    platform = resolve_paths(environ={})
    assert "qfpay-pos" in str(platform.config_dir)
    assert "qfpay-pos" in str(platform.data_dir)
    assert explicit.journal_file_for("training", "hk").parent == tmp_path / "d"
    assert explicit.journal_file_for("prod", "hk") != explicit.journal_file_for("sandbox", "hk")


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({"LANG": "zh_HK.UTF-8"}, "zh_HK"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_HK"),
        ({"LANG": "zh-Hant-HK"}, "zh_HK"),
        ({"LANG": "Chinese (Traditional)_Hong Kong SAR.950"}, "zh_HK"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_SG"}, "zh_CN"),
        ({"LANG": "Chinese (Simplified)_China.936"}, "zh_CN"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_HK.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_first_run_language_follows_the_computer(env: dict[str, str], language: str) -> None:
    assert system_language(env) == language


def test_default_settings_take_the_computers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_HK.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert default_settings().language == "zh_HK"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert default_settings().language == "en"
