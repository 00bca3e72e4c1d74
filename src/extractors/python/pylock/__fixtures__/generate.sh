#!/bin/sh
# Builds packages/simple-2.0.tar.gz, a tiny local sdist standing in for pip's tests/data/packages file that
# pylock.invalidhash.toml names: its sha256 differs from the lockfile's, as in pip's own test.
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
mkdir -p "$work/simple"
printf 'from setuptools import setup\nsetup(name="simple", version="2.0", py_modules=["simple"])\n' > "$work/simple/setup.py"
printf 'VALUE = 2\n' > "$work/simple/simple.py"
(cd "$work/simple" && SOURCE_DATE_EPOCH=1700000000 python3 setup.py -q sdist -d "$here/packages" >/dev/null 2>&1)
rm -rf "$work"
