#!/usr/bin/env python3
"""Packs a folder of OSV JSON records into data/osv/pypi-all.zip (the layout of OSV's PyPI/all.zip).

Usage: python3 data/osv/pack.py [SOURCE_DIR [OUTPUT_ZIP]] [--commit SHA --date YYYY-MM-DD]
       (default SOURCE_DIR ../shared/osv/pypi, OUTPUT_ZIP data/osv/pypi-all.zip, relative to the repository;
       --commit and --date describe the pypa/advisory-database snapshot and default to the current one)

Also writes `pypi-all.json` next to the zip: the snapshot's source, commit, date, record count and
attribution, which aigis stores in the database it builds from the zip.

Deterministic: members are flat `<ID>.json`, sorted by name, with a fixed timestamp and fixed attributes,
deflated at level 9, so the same input always gives the same bytes. Python 3 standard library only.
"""
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SOURCE = "pypa/advisory-database"
SOURCE_URL = "https://github.com/pypa/advisory-database"
MIRROR = "westonsteimel/advisory-database-pypa"
DEFAULT_COMMIT = "57da901aadaf5862a588727ec949df1e56908f4f"
DEFAULT_DATE = "2026-07-23"
ATTRIBUTION = "Python Packaging Advisory Database, https://github.com/pypa/advisory-database, CC-BY 4.0"


def main(argv):
    args, options = [], {"--commit": DEFAULT_COMMIT, "--date": DEFAULT_DATE}
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        if arg in options:
            options[arg] = rest.pop(0)
        else:
            args.append(arg)
    source = args[0] if len(args) > 0 else os.path.join(ROOT, "..", "shared", "osv", "pypi")
    output = args[1] if len(args) > 1 else os.path.join(HERE, "pypi-all.zip")
    names = sorted(n for n in os.listdir(source) if n.endswith(".json"))
    if not names:
        sys.exit(f"pack.py: no .json files in {source}")
    temp = output + ".tmp"
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in names:
            with open(os.path.join(source, name), "rb") as handle:
                data = handle.read()
            record = json.loads(data)
            if f"{record['id']}.json" != name:
                sys.exit(f"pack.py: {name} holds record {record['id']}")
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    os.replace(temp, output)
    meta = {
        "source": SOURCE,
        "url": SOURCE_URL,
        "via": MIRROR,
        "commit": options["--commit"],
        "date": options["--date"],
        "records": len(names),
        "license": "CC-BY-4.0",
        "attribution": ATTRIBUTION,
    }
    with open(os.path.splitext(output)[0] + ".json", "w", encoding="utf-8") as handle:
        json.dump(meta, handle, indent=2)
        handle.write("\n")
    print(f"pack.py: {len(names)} records -> {output} ({os.path.getsize(output)} bytes)")


if __name__ == "__main__":
    main(sys.argv)
