#!/bin/sh
# Regenerate the translation sources from the code, then build the .qm catalogues.
# Run from anywhere:  sh resources/translations/update.sh
# lupdate finds self.tr(...), QCoreApplication.translate(...) and the core's
# QT_TRANSLATE_NOOP(context, text) markers; existing translations are kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${VENV_BIN:-$root/../venv/bin}
[ -x "$bin/pyside6-lupdate" ] || bin=$(dirname "$(command -v pyside6-lupdate)")
cd "$root"
files=$(find pos_app -name '*.py' | sort)
for locale in zh_HK; do
    "$bin/pyside6-lupdate" -locations none $files -ts "$here/qfpay_pos_$locale.ts"
    "$bin/pyside6-lrelease" "$here/qfpay_pos_$locale.ts" -qm "$here/qfpay_pos_$locale.qm"
done
