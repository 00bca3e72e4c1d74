"""Writes the safetensors fixtures from the format specification (huggingface/safetensors README).

Run with /usr/bin/python3 from this folder. Nothing here loads a model; the two renamed files are
written with pickle.dumps / torch.save of plain tensors and dictionaries.
"""
import json
import os
import pickle
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def write_safetensors(name, header, data, declared_length=None, raw_header=None):
    text = raw_header if raw_header is not None else json.dumps(header, separators=(",", ":"))
    body = text.encode("utf-8")
    body += b" " * (-len(body) % 8)
    length = len(body) if declared_length is None else declared_length
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", length) + body + data)


def f32(values):
    return struct.pack("<%df" % len(values), *values)


VALID = {
    "__metadata__": {"format": "pt"},
    "bias": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
    "weight": {"dtype": "F16", "shape": [2, 2], "data_offsets": [8, 16]},
}
write_safetensors("valid.safetensors", VALID, f32([1, 2]) + b"\x00\x3c" * 4)

write_safetensors("overlapping.safetensors", {
    "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
    "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]},
}, f32([1, 2, 3]))

write_safetensors("gap.safetensors", {
    "a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
    "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]},
}, f32([1, 0, 2]))

write_safetensors("bad-dtype.safetensors", {
    "a": {"dtype": "F128", "shape": [1], "data_offsets": [0, 16]},
}, b"\x00" * 16)

write_safetensors("oversized-header.safetensors", VALID, f32([1, 2]) + b"\x00\x3c" * 4, declared_length=200_000_000)

write_safetensors("duplicate-keys.safetensors", None, f32([1, 2]), raw_header=(
    '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},'
    '"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'))

write_safetensors("non-string-metadata.safetensors", {
    "__metadata__": {"format": "pt", "epochs": 3},
    "a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
}, f32([1]))

write_safetensors("inert-metadata.safetensors", {
    "__metadata__": {"format": "pt", "note": "import os; os.system('id')", "source": "https://example.com/model"},
    "a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
}, f32([1]))

with open(os.path.join(HERE, "pickle-renamed.safetensors"), "wb") as out:
    out.write(pickle.dumps({"weight": [1.0, 2.0]}, protocol=4))

torch.save({"weight": torch.zeros(2)}, os.path.join(HERE, "torch-zip-renamed.safetensors"))

# A sharded checkpoint: one shard present, one missing, one tensor the shard does not hold, one escape.
write_safetensors("sharded/model-00001-of-00002.safetensors", {
    "layer.0.weight": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
}, f32([1]))
with open(os.path.join(HERE, "sharded/model.safetensors.index.json"), "w") as out:
    json.dump({
        "metadata": {"total_size": 16},
        "weight_map": {
            "layer.0.weight": "model-00001-of-00002.safetensors",
            "layer.0.bias": "model-00001-of-00002.safetensors",
            "layer.1.weight": "model-00002-of-00002.safetensors",
            "layer.2.weight": "../../../../etc/passwd",
        },
    }, out, indent=2)
