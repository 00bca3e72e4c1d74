#!/bin/sh
# Writes pip-report.json: pip 23's `install --dry-run --report` over wheels of the two tiny packages in
# ../../site-packages/__fixtures__/src (built locally, no network), resolving alpha and its dependency beta.
set -e
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../../site-packages/__fixtures__/src"
work=$(mktemp -d)
cp -r "$src/alpha" "$src/beta" "$work/"
for pkg in alpha beta; do
  (cd "$work/$pkg" && SOURCE_DATE_EPOCH=1700000000 /usr/bin/python3 -m pip wheel --quiet --no-deps --no-build-isolation --no-index . -w "$work/wheels")
done
python3 -m pip install --quiet --dry-run --ignore-installed --no-index --find-links "$work/wheels" \
  --report "$here/pip-report.json" aigis-fixture-alpha
rm -rf "$work"
