#!/usr/bin/python3
"""Generates the PyTorch fixtures of aigis. Run with Debian's python (torch 1.13):

    /usr/bin/python3 src/extractors/model/pytorch/__fixtures__/generate.py

Benign files come from torch itself. Malicious files are assembled byte by byte and NEVER loaded: their
payload is a hand-written pickle calling os.system('echo aigis-demo').
"""
import io
import os
import pickle
import struct
import tarfile
import zipfile
import zlib

import torch

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
HERE = os.path.dirname(os.path.abspath(__file__))
# PROTO 2, GLOBAL os system, BINUNICODE 'echo aigis-demo', TUPLE1, REDUCE, STOP
EVIL = b"\x80\x02cos\nsystem\nq\x00X\x0f\x00\x00\x00echo aigis-demoq\x01\x85q\x02Rq\x03."


def out(name):
    return os.path.join(HERE, name)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


def benign():
    torch.manual_seed(0)
    net = Net()
    torch.save(net.state_dict(), out("state_dict.pt"))
    torch.save(net, out("whole_model.pt"))
    torch.save(net.state_dict(), out("legacy.pt"), _use_new_zipfile_serialization=False)
    torch.jit.script(net).save(out("torchscript.pt"))


def rewrite_zip(src, dst, replace):
    """Copies a zip member by member; `replace(name, data)` returns new (name, data) pairs."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            for name, data in replace(info.filename, zin.read(info)):
                zout.writestr(zipfile.ZipInfo(name, FIXED_TIME), data)


def malicious():
    src = out("state_dict.pt")
    rewrite_zip(src, out("evil_data_pkl.pt"),
                lambda n, d: [(n, EVIL if n.endswith("data.pkl") else d)])
    # Two archive/data.pkl entries: benign first, malicious second.
    import warnings
    warnings.simplefilter("ignore")
    rewrite_zip(src, out("duplicate_data_pkl.pt"),
                lambda n, d: [(n, d), (n, EVIL)] if n.endswith("data.pkl") else [(n, d)])
    # Local header name differs from the central directory's (same length, patched in place).
    raw = bytearray(open(src, "rb").read())
    idx = raw.find(b"/data.pkl")  # first occurrence: the local header
    raw[idx:idx + 9] = b"/dota.pkl"
    open(out("header_mismatch.pt"), "wb").write(bytes(raw))
    # Bytes prepended before a checkpoint whose data.pkl is malicious; the prefix itself is a pickle too.
    evil_zip = open(out("evil_data_pkl.pt"), "rb").read()
    open(out("prepended.pt"), "wb").write(EVIL + b"\x00" * 13 + evil_zip)
    # A generic zip of pickles with a pickle under a misleading name.
    with zipfile.ZipFile(out("pickles.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("readme.txt", FIXED_TIME), "hello", zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("weights/config.json", FIXED_TIME), EVIL, zipfile.ZIP_DEFLATED)
    bombs()
    legacy_tar()


def bombs():
    # 64 MiB of zeros after a benign pickle, deflated (ratio ~1000:1).
    body = pickle.dumps({"a": 1}, protocol=2)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunks = [comp.compress(body)]
    zero = b"\x00" * (1 << 20)
    for _ in range(64):
        chunks.append(comp.compress(zero))
    chunks.append(comp.flush())
    data = b"".join(chunks)
    size = len(body) + 64 * (1 << 20)
    crc = zlib.crc32(body)
    for _ in range(64):
        crc = zlib.crc32(zero, crc)
    write_raw_zip(out("bomb.pt"), [("archive/data.pkl", 8, data, size, crc)])
    # A member that declares 16 bytes but inflates to 4 KiB (size lie).
    lie_body = EVIL + b"\x00" * 4000
    lie = zlib.compress(lie_body, 9)[2:-4]
    write_raw_zip(out("size_lie.pt"), [("archive/data.pkl", 8, lie, 16, zlib.crc32(lie_body))])


def write_raw_zip(path, members):
    """members: (name, method, data, declared uncompressed size, crc)."""
    buf = io.BytesIO()
    central = []
    for name, method, data, usize, crc in members:
        off = buf.tell()
        n = name.encode()
        buf.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(data), usize, len(n), 0))
        buf.write(n)
        buf.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(data),
                                   usize, len(n), 0, 0, 0, 0, 0, off) + n)
    cd_start = buf.tell()
    for c in central:
        buf.write(c)
    cd_size = buf.tell() - cd_start
    buf.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), cd_size, cd_start, 0))
    open(path, "wb").write(buf.getvalue())


def tar_add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def legacy_tar():
    """The pre-0.4 tar layout (sys_info, pickle, storages, tensors), assembled by hand."""
    def build(path, main_pickle):
        storages = io.BytesIO()
        storages.write(pickle.dumps(1, protocol=2))
        storages.write(pickle.dumps(("0", "cpu", torch.FloatStorage), protocol=2))
        storages.write(struct.pack("<q", 3) + struct.pack("<3f", 1.0, 2.0, 3.0))
        storages.write(pickle.dumps([], protocol=2))
        tensors = io.BytesIO()
        tensors.write(pickle.dumps(1, protocol=2))
        tensors.write(pickle.dumps((1, "0", torch.FloatTensor), protocol=2))
        tensors.write(struct.pack("<ii", 1, 0) + struct.pack("<q", 3) + struct.pack("<q", 1) + struct.pack("<q", 0))
        with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
            tar_add(tar, "sys_info", pickle.dumps({"protocol_version": 1001, "little_endian": True}, protocol=2))
            tar_add(tar, "pickle", main_pickle)
            tar_add(tar, "tensors", tensors.getvalue())
            tar_add(tar, "storages", storages.getvalue())
    build(out("legacy_tar.pt"), pickle.dumps({"w": 1}, protocol=2))
    build(out("legacy_tar_evil.pt"), EVIL)
    with tarfile.open(out("traversal.tar"), "w") as tar:
        tar_add(tar, "sys_info", pickle.dumps({}, protocol=2))
        tar_add(tar, "../../etc/evil", b"x")
        tar_add(tar, "pickle", EVIL)


def legacy_evil():
    """Legacy (non-zip) checkpoint whose storage-keys pickle (the 5th) is malicious."""
    buf = io.BytesIO()
    for obj in (0x1950A86A20F9469CFC6C, 1001, {"protocol_version": 1001}, {"w": 1}):
        buf.write(pickle.dumps(obj, protocol=2))
    buf.write(EVIL)
    buf.write(struct.pack("<q", 2) + b"\x80\x02cos\nsystem\n")  # raw storage bytes that look like a pickle
    open(out("legacy_evil.pt"), "wb").write(buf.getvalue())


if __name__ == "__main__":
    benign()
    malicious()
    legacy_evil()
