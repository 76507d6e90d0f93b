#!/usr/bin/env bash
# Set up the till on a fresh Debian/Ubuntu machine and start it in training mode.
#
#   ./run-training.sh [extra qfpay-pos arguments]
#
# Installs missing system packages (needs root or sudo), creates .venv here, installs the
# till into it, then opens the till window against the built-in training gateway: no real
# money, no credentials needed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

SYSTEM_PACKAGES=(
    python3 python3-venv python3-pip gnome-keyring dbus libsecret-tools
    libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libegl1 libgl1 libfontconfig1 libdbus-1-3
    fonts-dejavu-core fonts-noto-cjk
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${SYSTEM_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
fi
if ((${#missing[@]} > 0)); then
    sudo=()
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
fi

if [[ ! -x .venv/bin/python ]]; then
    echo "Creating .venv"
    python3 -m venv .venv
fi
stamp=.venv/.qfpay-pos-app-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
    echo "Installing qfpay-pos into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e .
    echo "$want" >"$stamp"
fi

echo "Starting the till in training mode (built-in gateway, no real money)"
exec .venv/bin/qfpay-pos --env training "$@"
