#!/usr/bin/python3
"""Generates the member_* fixtures of model/archive: models of other formats hidden inside archives.

    /usr/bin/python3 src/extractors/model/archive/__fixtures__/generate_members.py

The members are copied from the keras, gguf and chat-template fixtures (see their generate.py); the
disguised pickle calls os.system('echo aigis-demo') through __reduce__ and is only dumped, NEVER loaded.
"""
import gzip
import io
import json
import os
import pickle
import struct
import subprocess
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..")
MTIME = 315532800  # 1980-01-01, so that outputs are reproducible


class Evil:
    """Pickling this records a call to os.system; nothing here ever unpickles it."""

    def __reduce__(self):
        return (os.system, ("echo aigis-demo",))


def fixture(*parts):
    with open(os.path.join(MODELS, *parts), "rb") as f:
        return f.read()


def safetensors():
    header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}, separators=(",", ":")).encode()
    header += b" " * (-len(header) % 8)
    return struct.pack("<Q", len(header)) + header + struct.pack("<2f", 0.5, 1.5)


def tar_bytes(members, mode="w"):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=tarfile.USTAR_FORMAT) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = MTIME
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def write_tar(name, members, mode="w"):
    # gzip through the gzip module, whose header mtime can be fixed (tarfile's w:gz stamps the current time).
    data = gzip.compress(tar_bytes(members), mtime=MTIME) if mode == "w:gz" else tar_bytes(members, mode)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def write_7z(name, members):
    target = os.path.join(HERE, name)
    if os.path.exists(target):
        os.remove(target)
    with tempfile.TemporaryDirectory() as tmp:
        for member, data in members:
            os.makedirs(os.path.dirname(os.path.join(tmp, member)), exist_ok=True)
            with open(os.path.join(tmp, member), "wb") as f:
                f.write(data)
        subprocess.run(["7z", "a", "-t7z", "-m0=lzma2", "-mtm=off", target, *[m for m, _ in members]], cwd=tmp, check=True, capture_output=True)


def main():
    hostile = fixture("chat-template", "__fixtures__", "malicious", "cve-2024-34359", "tokenizer_config.json")
    benign = fixture("chat-template", "__fixtures__", "benign", "llama-3-instruct", "tokenizer_config.json")
    write_tar("member_keras_lambda.tar.gz", [("model/model.h5", fixture("keras", "__fixtures__", "lambda.h5"))], "w:gz")
    write_tar("member_keras_benign.tar.gz", [("model/model.h5", fixture("keras", "__fixtures__", "benign_sequential.h5"))], "w:gz")
    write_tar("member_gguf_template.tar", [("model.gguf", fixture("gguf", "__fixtures__", "malicious-template.gguf"))])
    write_tar("member_gguf_benign.tar", [("model.gguf", fixture("gguf", "__fixtures__", "tiny-llama3.gguf"))])
    write_tar("member_template.tar.xz", [("model/tokenizer_config.json", hostile)], "w:xz")
    write_tar("member_template_benign.tar.xz", [("model/tokenizer_config.json", benign)], "w:xz")
    write_7z("member_template.7z", [("model/tokenizer_config.json", hostile)])
    write_tar("member_disguised.tar", [("model.safetensors", pickle.dumps({"model": Evil()}, protocol=4))])
    write_tar("member_safetensors_benign.tar", [("model.safetensors", safetensors())])


if __name__ == "__main__":
    main()
