"""Generates the benign fixtures of the pickle extractor tests.

Run with a Python that has numpy, joblib, dill, scikit-learn and torch (Debian: /usr/bin/python3):
    /usr/bin/python3 src/extractors/model/pickle/__fixtures__/generate.py
Only dumps objects; nothing here loads a pickle.
"""
import collections
import os
import pickle
import sys

import dill
import joblib
import numpy as np
import torch
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as handle:
        handle.write(data)


def plain_value():
    return {
        "list": [1, -2, 300, 70000, (3, 4), [5]],
        "ordered": collections.OrderedDict([("x", 1.5), ("y", None)]),
        "bytes": b"bytes",
        "big": 2 ** 70,
        "flags": (True, False),
        "text": "\u00fcn\u00efcode",
        "set": {1, 2},
        "frozen": frozenset({3}),
    }


def main():
    for protocol in range(0, 6):
        write(f"plain_p{protocol}.pkl", pickle.dumps(plain_value(), protocol=protocol))

    buffers = [pickle.PickleBuffer(bytearray(b"abc")), pickle.PickleBuffer(b"readonly")]
    write("oob_p5.pkl", pickle.dumps(buffers, protocol=5, buffer_callback=lambda _b: None))

    features = np.arange(40, dtype=np.float64).reshape(20, 2)
    labels = np.array([0, 1] * 10)
    model = LogisticRegression().fit(features, labels)
    joblib.dump(model, os.path.join(HERE, "sklearn_logreg.joblib"), compress=0)

    arrays = [
        np.arange(7, dtype=np.int16),
        np.array(["ab", "cde"]),
        np.array([b"x", b"yz"]),
        np.array([True, False, True]),
        np.array([1 + 2j], dtype=np.complex64),
        np.array(["2020-01-01"], dtype="datetime64[D]"),
        np.array(3.5),
        np.zeros((0, 4)),
        np.zeros((2, 3), dtype=np.float32, order="F"),
        np.array([1, "mixed", None], dtype=object),
        np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]),
    ]
    for protocol in (2, 4, 5):
        joblib.dump(arrays, os.path.join(HERE, f"arrays_p{protocol}.joblib"), compress=0, protocol=protocol)

    write("dill_lambda.pkl", dill.dumps(lambda x: x + 1))
    write("numpy_array_p2.pkl", pickle.dumps(np.arange(5), protocol=2))
    torch.save({"w": torch.zeros(2)}, os.path.join(HERE, "torch_legacy.pt"), _use_new_zipfile_serialization=False)


if __name__ == "__main__":
    sys.exit(main())
