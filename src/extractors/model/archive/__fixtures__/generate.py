#!/usr/bin/python3
"""Generates the model/archive fixtures of aigis. Run with Debian's python (joblib, 7z CLI installed):

    /usr/bin/python3 src/extractors/model/archive/__fixtures__/generate.py

Malicious payloads are pickles that call os.system('echo aigis-demo'), written by pickle or joblib from an
object whose __reduce__ names os.system; they are only dumped, NEVER loaded. Decoder test vectors (python's
own lzma/bz2 output for pseudo-random inputs) go to src/containers/codecs/__fixtures__/.
"""
import bz2
import gzip
import io
import lzma
import os
import pickle
import random
import shutil
import struct
import subprocess
import tarfile
import tempfile
import zlib

import joblib

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "..", "..", "..", "containers", "codecs", "__fixtures__")
PASSWORD = "aigis-secret"
MTIME = 315532800  # 1980-01-01, so that outputs are reproducible


class Evil:
    """Pickling this records a call to os.system; nothing here ever unpickles it."""

    def __reduce__(self):
        return (os.system, ("echo aigis-demo",))


BENIGN = {"weights": [0.5, 1.5, 2.5], "name": "demo", "layers": 3}
EVIL = pickle.dumps({"model": Evil()}, protocol=4)
GOOD = pickle.dumps(BENIGN, protocol=4)


def out(name):
    return os.path.join(HERE, name)


def write(name, data):
    with open(out(name), "wb") as f:
        f.write(data)


def joblib_variants():
    for method in ("gzip", "zlib", "bz2", "xz", "lzma"):
        joblib.dump(BENIGN, out(f"benign_{method}.joblib"), compress=(method, 3))
        joblib.dump({"model": Evil()}, out(f"evil_{method}.joblib"), compress=(method, 3))
    # joblib < 0.10 (numpy_pickle_compat): 'ZF', hex length padded to 19 characters, zlib stream.
    write("evil_old_joblib.pkl", b"ZF" + hex(len(EVIL)).encode().ljust(19) + zlib.compress(EVIL))


def streams():
    write("evil.pkl.gz", gzip.compress(EVIL, mtime=MTIME))
    write("evil.pkl.bz2", bz2.compress(EVIL))
    write("evil.pkl.xz", lzma.compress(EVIL, check=lzma.CHECK_SHA256))
    write("benign.pkl.lzma", lzma.compress(GOOD, format=lzma.FORMAT_ALONE))
    write("nested.pkl.gz.bz2", bz2.compress(gzip.compress(EVIL, mtime=MTIME)))
    # A bzip2 bomb: 100 MB of zeros in a few KB (bzip2 compresses runs far beyond deflate's 1:1032).
    write("bomb.bz2", bz2.compress(bytes(100 * 1024 * 1024), 9))
    gz = gzip.compress(EVIL, mtime=MTIME)
    write("truncated.pkl.gz", gz[: len(gz) // 2])


def add(tar, name, data, kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    info.type = kind
    info.linkname = link
    info.mtime = MTIME
    tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)


def tars():
    def build(name, mode, members):
        with tarfile.open(out(name), mode, format=tarfile.PAX_FORMAT) as tar:
            for member in members:
                add(tar, *member)

    build("evil_model.tar", "w", [("model/config.json", b"{}"), ("model/weights.pkl", EVIL)])
    build("benign_model.tar.gz", "w:gz", [("model/README.md", b"demo"), ("model/weights.pkl", GOOD),
                                          ("model/model.safetensors", b"\x02\x00\x00\x00\x00\x00\x00\x00{}")])
    build("evil_model.tar.xz", "w:xz", [("weights.pkl", EVIL)])
    build("evil_model.tar.bz2", "w:bz2", [("deep/dir/weights.pkl.gz", gzip.compress(EVIL, mtime=MTIME))])
    build("traversal.tar", "w", [("../evil.pkl", GOOD)])
    build("symlink.tar", "w", [("model/link", b"", tarfile.SYMTYPE, "../../../etc/passwd")])


def sevenzip():
    tmp = tempfile.mkdtemp()
    try:
        src = os.path.join(tmp, "data.pkl")
        with open(src, "wb") as f:
            f.write(EVIL)
        good = os.path.join(tmp, "model.pkl")
        with open(good, "wb") as f:
            f.write(GOOD)
        for path in (src, good):
            os.utime(path, (MTIME, MTIME))

        def seven(name, files, *options):
            target = out(name)
            if os.path.exists(target):
                os.remove(target)
            subprocess.run(["7z", "a", "-bd", "-y", *options, target, *files], check=True, cwd=tmp,
                           stdout=subprocess.DEVNULL)

        seven("evil_lzma2.7z", ["data.pkl"], "-m0=LZMA2")
        seven("evil_lzma.7z", ["data.pkl"], "-m0=LZMA")
        seven("evil_copy.7z", ["data.pkl"], "-m0=Copy", "-mhc=off")
        seven("evil_bzip2.7z", ["data.pkl"], "-m0=BZip2")
        seven("evil_deflate.7z", ["data.pkl"], "-m0=Deflate")
        seven("evil_ppmd.7z", ["data.pkl"], "-m0=PPMd")
        seven("benign.7z", ["model.pkl"])
        seven("encrypted_headers.7z", ["data.pkl"], f"-p{PASSWORD}", "-mhe=on")
        seven("encrypted_data.7z", ["data.pkl"], f"-p{PASSWORD}")
        # A member named ../data.pkl: stored as aa/data.pkl with a plain header, renamed, CRCs fixed.
        os.makedirs(os.path.join(tmp, "aa"))
        shutil.copy(src, os.path.join(tmp, "aa", "data.pkl"))
        os.utime(os.path.join(tmp, "aa", "data.pkl"), (MTIME, MTIME))
        seven("traversal.7z", ["aa/data.pkl"], "-m0=Copy", "-mhc=off")
        with open(out("traversal.7z"), "rb") as f:
            data = bytearray(f.read())
        at = data.find("aa/data.pkl".encode("utf-16le"))
        data[at:at + 4] = "..".encode("utf-16le")
        offset, size = struct.unpack_from("<QQ", data, 12)
        struct.pack_into("<I", data, 28, zlib.crc32(data[32 + offset:32 + offset + size]))
        struct.pack_into("<I", data, 8, zlib.crc32(data[12:32]))
        write("traversal.7z", bytes(data))
        with open(out("evil_lzma2.7z"), "rb") as f:
            whole = f.read()
        write("truncated.7z", whole[: len(whole) - 20])
    finally:
        shutil.rmtree(tmp)


def vectors():
    """Decoder test vectors: python's lzma/bz2 output for pseudo-random, partly repetitive inputs."""
    os.makedirs(VECTORS, exist_ok=True)
    rng = random.Random(5)
    words = [b"pickle ", b"tensor ", b"\x00\x00\x00\x00", b"\xe8\x10\x20\x00\x00", bytes(range(0, 256, 7))]
    for i in range(4):
        parts = []
        for _ in range(rng.randrange(300, 2500)):
            parts.append(rng.choice(words) * rng.randrange(1, 6) if rng.random() < 0.7 else bytes([rng.randrange(256)]))
        data = b"".join(parts)
        write_vec = lambda ext, payload: open(os.path.join(VECTORS, f"vector{i}.{ext}"), "wb").write(payload)
        write_vec("bin", data)
        write_vec("lzma", lzma.compress(data, format=lzma.FORMAT_ALONE, preset=i))
        write_vec("lzma2", lzma.compress(data, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2, "preset": i}]))
        check = [lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256][i]
        filters = [{"id": lzma.FILTER_X86}, {"id": lzma.FILTER_LZMA2}] if i == 3 else None
        write_vec("xz", lzma.compress(data, check=check, filters=filters))
        write_vec("bz2", bz2.compress(data, 9 - i))


if __name__ == "__main__":
    joblib_variants()
    streams()
    tars()
    sevenzip()
    vectors()
