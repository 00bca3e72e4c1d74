"""Builds a tiny wheelhouse (alpha 1.0 requires beta; beta 2.0), requirements files for each hash-checking case,
and records what real pip (`pip install --dry-run --no-index --find-links wheelhouse`) says about each one in
pip-verdicts.json. Run from this folder with the pyenv python3 (pip 23): `python3 generate.py`."""
import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
WHEELHOUSE = os.path.join(HERE, "wheelhouse")


def wheel(name, version, requires):
    dist_info = f"{name}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = {
        f"{name}/__init__.py": b"",
        f"{dist_info}/METADATA": metadata.encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: generate.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n"
        for path, data in files.items()
    ) + f"{dist_info}/RECORD,,\n"
    path = os.path.join(WHEELHOUSE, f"{name}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in files.items():
            info = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(info, data)
        archive.writestr(zipfile.ZipInfo(f"{dist_info}/RECORD", date_time=(2020, 1, 1, 0, 0, 0)), record)
    return {"filename": os.path.basename(path), "name": name, "version": version, "requiresDist": requires,
            "sha256": hashlib.sha256(open(path, "rb").read()).hexdigest()}


os.makedirs(WHEELHOUSE, exist_ok=True)
alpha = wheel("alpha", "1.0", ["beta"])
beta = wheel("beta", "2.0", [])
A, B = alpha["sha256"], beta["sha256"]
CASES = {
    "complete.txt": f"alpha==1.0 --hash=sha256:{A}\nbeta==2.0 --hash=sha256:{B}\n",
    "dependency-missing.txt": f"alpha==1.0 --hash=sha256:{A}\n",
    "dependency-unhashed.txt": f"alpha==1.0 --hash=sha256:{A}\nbeta==2.0\n",
    "wrong-hash.txt": f"alpha==1.0 --hash=sha256:{B}\nbeta==2.0 --hash=sha256:{B}\n",
    "unpinned.txt": f"alpha>=1.0 --hash=sha256:{A}\nbeta==2.0 --hash=sha256:{B}\n",
    "md5.txt": f"alpha==1.0 --hash=md5:{hashlib.md5(b'x').hexdigest()}\nbeta==2.0 --hash=sha256:{B}\n",
    "no-hashes.txt": "alpha==1.0\nbeta==2.0\n",
}
verdicts = {"pip": subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, text=True).stdout.split(" from")[0],
            "wheels": [alpha, beta], "cases": []}
for filename, text in CASES.items():
    with open(os.path.join(HERE, filename), "w") as f:
        f.write(text)
    run = subprocess.run([sys.executable, "-m", "pip", "install", "--isolated", "--dry-run", "--no-index",
                          "--find-links", WHEELHOUSE, "-r", filename], cwd=HERE, capture_output=True, text=True)
    output = run.stdout + run.stderr
    errors = [line.strip() for line in output.splitlines() if "ERROR" in line or "error:" in line or "Expected sha256" in line]
    verdicts["cases"].append({"file": filename, "accepted": run.returncode == 0, "error": errors[0][:200] if errors else None})
with open(os.path.join(HERE, "pip-verdicts.json"), "w") as f:
    json.dump(verdicts, f, indent=1)
    f.write("\n")
