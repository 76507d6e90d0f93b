#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian/Ubuntu machine and run it all.
#
#   ./run-tests.sh [extra pytest arguments]
#
# Installs the system packages when they are missing (needs root or sudo), creates .venv in
# this directory, installs the till with its test extras, then runs the whole suite in a
# private D-Bus session with a throw-away gnome-keyring, so the keyring, screenshot (Xvfb)
# and crash tests all run for real.  Ends with pytest's summary line.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

SYSTEM_PACKAGES=(
    python3 python3-venv python3-pip
    xvfb xauth zbar-tools socat gnome-keyring dbus dbus-x11 libsecret-tools
    libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libegl1 libgl1 libfontconfig1 libdbus-1-3
    fonts-dejavu-core fonts-noto-cjk postgresql
)

install_system_packages() {
    local missing=()
    if command -v dpkg-query >/dev/null 2>&1; then
        for pkg in "${SYSTEM_PACKAGES[@]}"; do
            dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
                || missing+=("$pkg")
        done
    fi
    if ((${#missing[@]} == 0)); then return 0; fi
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
            echo "Missing system packages (install them as root): ${missing[*]}" >&2
            exit 1
        fi
    fi
    echo "Installing system packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

setup_venv() {
    if [[ ! -x .venv/bin/python ]]; then
        echo "Creating .venv"
        python3 -m venv .venv
    fi
    # Reinstall only when pyproject.toml changed since the last successful install.
    local stamp=.venv/.qfpay-pos-installed
    local want
    want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
        echo "Installing qfpay-pos and its test tools into .venv"
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e '.[test]'
        echo "$want" >"$stamp"
    fi
}

install_system_packages
setup_venv

export QFPAY_POS_PYTHON="$PWD/.venv/bin/python"
export PATH="$PWD/.venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen
# The tests expect the till's default language (English): a first run follows the computer's
# locale, and a developer's zh_HK desktop must not turn the expected texts into Chinese.
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE
# The screenshot tests start their own Xvfb; everything else draws off-screen.
# A test stuck inside Qt's C++ event loop never sees SIGALRM: the thread method still
# stops it (with every thread's stack) instead of letting CI hang to its time limit.
export PYTEST_ADDOPTS="--timeout-method=thread ${PYTEST_ADDOPTS:-}"
exec tests/run-with-keyring.sh "$@"
