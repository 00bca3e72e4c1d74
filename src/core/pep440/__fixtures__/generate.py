"""Writes packaging-oracle.json: what `packaging` (the library pip vendors) says about a set of versions
and specifiers. Run with a Python that has packaging >= 22: `python3 generate.py`."""
import json
import packaging
from packaging.specifiers import Specifier, SpecifierSet, InvalidSpecifier
from packaging.version import Version, InvalidVersion
# pip's own vendored copy (21.3 in pip 23) keeps the classic pre-release rule that newer packaging relaxed:
# pre-releases are excluded unless a clause names one. The "auto" column is modern matching with that rule.
from pip._vendor.packaging.specifiers import SpecifierSet as PipSpecifierSet

VERSIONS = [
    "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
    "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
    "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", "1!0.1", "1!1.0", "1.0.0", "1.0.0.0",
    "1.1", "1.1.post1", "1.1a1", "1.1.0", "1.7", "1.7.0.post1", "1.7.1", "1.7+local", "3.0.dev0", "3.1.dev0",
    "3.1", "2.2", "2.2.post3", "2.3", "2.9", "3.0", "1.4.5a4", "1.4.5", "1.4.9", "1.5", "2.1.0+cu121",
    "2.1.0+cpu", "2.1.0", "2.14.0", "2.14.1rc1", "2.15", "1.0+ubuntu-1", "1.0+abc", "1.0+abc.1", "1.0+1.abc",
    "1.0-ALPHA.1", "1.0-r4", "1.0post", "1.0-1", "1.0.dev", "v1.0", "00", "1.01", "  1.0  ", "1.1RC1", "1.0c3",
    "1.0.preview2", "1.0-pre.3", "1.0_rev.7", "1.0.a1.post2.dev3", "0!1.0", "12345678901234567890.1",
    "1.0+0abc", "1.0+abc0", "1.0+ABC.01", "1.0rc1+local",
]
INVALID_VERSIONS = ["", "abc", "1.0.", "1..0", "1.0+", "1.0+abc_", "1!", "!1.0", "1.0-", "1.0a1a2", "1.0+a+b",
                    "1.0.post1.post2", "ver1.0", "1.0 beta", "1,0", "*", "1.*"]
SPECIFIERS = [
    "==1.0", "==1.0.0", "==1.*", "==1.0.*", "==1.1.*", "!=1.1.*", "!=1.0", "==1.0+abc", "!=1.0+abc", "==1.1",
    "==1.1.post1", "!=1.1", "!=1.1.post1", "~=2.2", "~=1.4.5", "~=2.2.post3", "~=1.4.5a4", "~=2.2.0",
    "~=1.4.5.0", ">1.7", ">1.7.0.post1", "<3.1", "<3.1.dev0", "<=3.1", ">=1.0", ">=1.0a1", ">1.0", "<1.0",
    "<1.0rc1", "===1.0", "===1.0+abc.5", "===v1.0", "==2.14.*", "==2.1.0", "==1!1.0", ">=1!0", "~=1!0.1",
    ">=1.0,<2", ">=1.0,!=1.1.*,<3", ">=2.0.dev0", "~=1.0", "==1.0a1",
    "== 1.0", ">= 2.2 , < 3", "",
]
INVALID_SPECIFIERS = ["<=1.0+abc.5", ">=1.0+abc", "=1.0", "1.0", "~=1", "~=1.0.*", ">=1.*", "<1.0+abc", ">1.0+abc", "==1.0+abc.*",
                      "==1.0a1.*", "===", "==", "~=1.0+abc", ">=1.0,", "=>1.0", ">=1.0;"]


def parses(v):
    try:
        Version(v)
        return True
    except InvalidVersion:
        return False


def spec_valid(s):
    try:
        SpecifierSet(s)
        return True
    except InvalidSpecifier:
        return False


valid = [v for v in VERSIONS if parses(v)]
assert len(valid) == len(VERSIONS), set(VERSIONS) - set(valid)
ordered = sorted(range(len(valid)), key=lambda i: Version(valid[i]))
rank = {}
for position, i in enumerate(ordered):
    previous = ordered[position - 1] if position else None
    if previous is not None and Version(valid[previous]) == Version(valid[i]):
        rank[i] = rank[previous]
    else:
        rank[i] = position
out = {
    "packaging": packaging.__version__,
    "pipPackaging": __import__("pip._vendor.packaging", fromlist=["x"]).__version__,
    "versions": [{"input": v, "normalized": str(Version(v)), "rank": rank[i], "public": Version(v).public,
                  "prerelease": Version(v).is_prerelease} for i, v in enumerate(valid)],
    "invalidVersions": [{"input": v, "valid": parses(v)} for v in INVALID_VERSIONS],
    "invalidSpecifiers": [{"input": s, "valid": spec_valid(s)} for s in INVALID_SPECIFIERS],
    "specifiers": [],
}
for s in SPECIFIERS:
    spec_set = SpecifierSet(s)
    out["specifiers"].append({
        "input": s,
        "include": [v for v in valid if spec_set.contains(v, prereleases=True)],
        "auto": [v for v in valid if spec_set.contains(v, prereleases=bool(PipSpecifierSet(s).prereleases))],
    })
with open("packaging-oracle.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
