#!/bin/sh
# Regenerate the translation sources from the code, then build the .qm catalogues.
# Run from anywhere:  sh resources/translations/update.sh
# After a merge: run it, translate what tests/ui/test_translation_coverage.py lists as
# missing (Qt Linguist: pyside6-linguist resources/translations/qfpay_pos_zh_HK.ts), run it
# again to rebuild the .qm files.  fill_zh_CN.py can draft zh_CN from zh_HK (review it).
# lupdate finds self.tr(...), QCoreApplication.translate(...) and the core's
# QT_TRANSLATE_NOOP(context, text) markers; existing translations are kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${VENV_BIN:-$root/.venv/bin}
[ -x "$bin/pyside6-lupdate" ] || bin=$(dirname "$(command -v pyside6-lupdate)")
cd "$root"
files=$(find pos_app -name '*.py' | sort)
for locale in zh_HK zh_CN; do
    "$bin/pyside6-lupdate" -silent -locations none -no-obsolete $files -ts "$here/qfpay_pos_$locale.ts"
    "$bin/pyside6-lrelease" -silent "$here/qfpay_pos_$locale.ts" -qm "$here/qfpay_pos_$locale.qm"
done
