#!/usr/bin/env bash
# Run a command (by default the whole pytest suite) inside a private D-Bus session with a
# freshly unlocked gnome-keyring, so the keyring tests talk to a real Secret Service and never
# touch the developer's own login keyring.
#
#   tests/run-with-keyring.sh [pytest args...]
#   QFPAY_POS_RUN=1 tests/run-with-keyring.sh some command...
#
# The script re-executes itself under dbus-run-session; HOME points at a throw-away directory
# so the keyring files live there and vanish afterwards.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"

if [[ -z "${QFPAY_POS_KEYRING_SESSION:-}" ]]; then
    export QFPAY_POS_KEYRING_SESSION=1
    exec dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@"
fi

tmp_home="$(mktemp -d)"
cleanup() {
    if [[ -n "${keyring_pid:-}" ]]; then kill "$keyring_pid" 2>/dev/null || true; fi
    rm -rf "$tmp_home"
}
trap cleanup EXIT
export HOME="$tmp_home"
export XDG_DATA_HOME="$tmp_home/.local/share"
export XDG_CONFIG_HOME="$tmp_home/.config"
export XDG_CACHE_HOME="$tmp_home/.cache"
export XDG_RUNTIME_DIR="$tmp_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# --unlock creates the login keyring with this password and keeps the daemon running;
# --start then hands back the environment (control socket) for the secrets component.
keyring_env="$(echo -n pw | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(printf '%s\n' "$keyring_env" | sed -n 's/^\([A-Z_]*\)=\(.*\)$/export \1="\2"/p')"
keyring_pid="${GNOME_KEYRING_PID:-}"
start_env="$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)"
eval "$(printf '%s\n' "$start_env" | sed -n 's/^\([A-Z_]*\)=\(.*\)$/export \1="\2"/p')"

# Tell the test suite the real Secret Service is expected, so keyring tests fail loudly
# instead of being reported as an environment problem.
export QFPAY_POS_REQUIRE_KEYRING=1
export PYTHON_KEYRING_BACKEND=keyring.backends.SecretService.Keyring

py="${QFPAY_POS_PYTHON:-}"
if [[ -z "$py" ]]; then
    if [[ -x "$repo/.venv/bin/python" ]]; then py="$repo/.venv/bin/python";
    else py="python3"; fi
fi
cd "$repo"
# QFPAY_POS_RUN=1 runs an arbitrary command in the same setup (handy for debugging).
status=0
if [[ -n "${QFPAY_POS_RUN:-}" ]]; then "$@" || status=$?
else "$py" -m pytest "$@" || status=$?; fi
exit "$status"
