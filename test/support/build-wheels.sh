#!/bin/sh
# Builds the tiny test packages under packages/ into wheels/ (one wheel and one sdist each).
# Needs a Python with setuptools >= 61 and wheel (Debian's /usr/bin/python3 has both); no network.
# Re-run after changing a package; the outputs are committed. SOURCE_DATE_EPOCH keeps zip times fixed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-/usr/bin/python3}
out="$here/wheels"
export SOURCE_DATE_EPOCH=1700000000
rm -rf "$out"
mkdir -p "$out"
for pkg in "$here"/packages/*/; do
  work=$(mktemp -d)
  cp -R "$pkg". "$work/"
  "$python" -m pip wheel --no-deps --no-build-isolation --no-index --quiet "$work" -w "$out"
  (cd "$work" && "$python" -c 'import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])' "$out" >/dev/null 2>&1)
  rm -rf "$work"
done
ls -l "$out"
