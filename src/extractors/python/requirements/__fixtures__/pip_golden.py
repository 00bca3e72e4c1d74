"""Writes pip-golden.json: what pip 23's own parser reads from each root requirements file below (with includes).

Run with the pyenv python3 (pip 23.2.1): python3 pip_golden.py. No network: parsing only, nothing installed.
"""
import json
import os
import re

from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._internal.req.req_file import parse_requirements

here = os.path.dirname(os.path.abspath(__file__))
ROOTS = ["ml-project/requirements.txt", "pip-syntax/requirements.txt"]


def parsed(root):
    # pip resolves local paths against the working folder, so each project is parsed from its own folder.
    folder, name = os.path.split(root)
    os.chdir(os.path.join(here, folder))
    for req in parse_requirements(name, session=PipSession()):
        yield folder, req


out = []
for folder, req in (item for root in ROOTS for item in parsed(root)):
    match = re.match(r"-[rc] (.*) \(line (\d+)\)", req.comes_from)
    try:
        name = install_req_from_parsed_requirement(req).name
        error = None
    except Exception as e:  # pip refuses the line when it builds the requirement
        name, error = None, type(e).__name__
    hashes = sorted(f"{alg}:{h}" for alg, values in (req.options or {}).get("hashes", {}).items() for h in values)
    out.append({
        "path": os.path.normpath(os.path.join(folder, match.group(1))),
        "line": int(match.group(2)),
        "requirement": req.requirement,
        "editable": req.is_editable,
        "constraint": req.constraint,
        "hashes": hashes,
        "name": name,
        "error": error,
    })
with open(os.path.join(here, "pip-golden.json"), "w") as f:
    json.dump({"pip": __import__("pip").__version__, "requirements": out}, f, indent=2)
    f.write("\n")
