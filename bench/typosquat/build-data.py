#!/usr/bin/env python3
"""Builds data/top-pypi-packages.json and data/pypi-malicious-names.json from ../shared/data (compact JSON).

Usage: python3 bench/typosquat/build-data.py /work/shared/data
"""
import json
import re
import sys
from pathlib import Path

src = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data")
out = Path(__file__).resolve().parents[2] / "data"


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


top = json.loads((src / "top-pypi-packages.json").read_text())
packages = sorted(top["packages"], key=lambda p: p["rank"])
assert [p["rank"] for p in packages] == list(range(1, len(packages) + 1))
names = [norm(p["name"]) for p in packages]
assert len(set(names)) == len(names) == 15000
(out / "top-pypi-packages.json").write_text(json.dumps({
    "source": "https://github.com/hugovk/top-pypi-packages",
    "file": "top-pypi-packages.json",
    "commit": "7ec9534546eda4012c7826b6078e35eaa2c9c5f2",
    "date": "2026-04-01",
    "period": "2026-03",
    "packages": names,
}, separators=(",", ":")) + "\n")

# Versions of the compromised legitimate packages that the shared data set lacks, read from their OSV records
# in ossf/malicious-packages (osv/malicious/pypi/<name>/<id>.json, `affected[].versions`).
OSV_VERSIONS = {
    "always-updates": ["139.2"],  # MAL-2026-3685
    "elementary-data": ["0.23.3"],  # MAL-2026-3083
    "guardrails-ai": ["0.10.1"],  # MAL-2026-3607
    "telnyx": ["4.87.1", "4.87.2"],  # MAL-2026-2254
}

mal = json.loads((src / "pypi-malicious-names.json").read_text())
plain, compromised = [], []
for entry in sorted(mal["entries"], key=lambda e: e["normalized"]):
    name = norm(entry["normalized"])
    ids = sorted(set(entry["osv_ids"]))
    if entry.get("compromised_legitimate_package"):
        versions = entry.get("malicious_versions") or OSV_VERSIONS[name]
        compromised.append({"name": name, "ids": ids, "versions": versions})
    else:
        plain.append([name, *ids])
assert len(plain) + len(compromised) == mal["count"]
(out / "pypi-malicious-names.json").write_text(json.dumps({
    "source": "https://github.com/ossf/malicious-packages",
    "via": "https://github.com/depgate/malicious-packages malicious/pypi.jsonl",
    "commit": "4c6db04ccea7ad6159303e0d5c70b7d501ae75de",
    "date": "2026-05-17",
    "packages": plain,
    "compromised": compromised,
}, separators=(",", ":")) + "\n")
print(len(names), len(plain), len(compromised))
