#!/usr/bin/python3
"""Generates the NumPy fixtures of aigis. Run with Debian's python (numpy 1.24):

    /usr/bin/python3 src/extractors/model/numpy/__fixtures__/generate.py

Malicious files are assembled byte by byte and NEVER loaded: their payload is a hand-written pickle
calling os.system('echo aigis-demo').
"""
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EVIL = b"\x80\x02cos\nsystem\nq\x00X\x0f\x00\x00\x00echo aigis-demoq\x01\x85q\x02Rq\x03."
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def out(name):
    return os.path.join(HERE, name)


def save_version(path, arr, version):
    with open(path, "wb") as f:
        np.lib.format.write_array(f, arr, version=version, allow_pickle=True)


def npy_header(descr, shape, version=(1, 0)):
    header = "{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (descr, shape)
    magic = b"\x93NUMPY" + bytes(version)
    size_field = 2 if version == (1, 0) else 4
    pad = 64 - (len(magic) + size_field + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    return magic + len(header).to_bytes(size_field, "little") + header.encode("latin1")


def main():
    floats = np.arange(12, dtype="<f4").reshape(3, 4)
    np.save(out("floats.npy"), floats)
    save_version(out("floats_v2.npy"), np.arange(5, dtype="<f8"), (2, 0))
    save_version(out("floats_v3.npy"), np.zeros((2, 2), dtype=[("x", "<i4"), ("y", "<f8")]), (3, 0))
    np.save(out("fortran.npy"), np.asfortranarray(floats))
    objects = np.array([{"a": 1}, {"b": [1, 2]}], dtype=object)
    np.save(out("objects.npy"), objects, allow_pickle=True)
    nested = np.zeros(2, dtype=[("id", "<i4"), ("meta", "O")])
    np.save(out("structured_object.npy"), nested, allow_pickle=True)
    np.savez(out("arrays.npz"), a=floats, b=np.arange(3))
    np.savez_compressed(out("arrays_compressed.npz"), a=floats, obj=objects)
    open(out("evil_object.npy"), "wb").write(npy_header("|O", (1,)) + EVIL)
    open(out("truncated.npy"), "wb").write(npy_header("<f8", (1000,)) + b"\x00" * 16)
    with zipfile.ZipFile(out("evil.npz"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("ok.npy", FIXED_TIME), open(out("floats.npy"), "rb").read(), zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("evil.npy", FIXED_TIME), npy_header("|O", (1,)) + EVIL, zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    main()
