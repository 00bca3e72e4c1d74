"""Writes the ONNX fixtures with onnx 1.12 (run with /usr/bin/python3 from this folder).

Malicious variants are made by editing the external_data entries of a saved model; nothing here loads them.
"""
import os
import shutil

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def dense_graph(name="dense", init_name="W"):
    weight = numpy_helper.from_array(np.arange(16, dtype=np.float32).reshape(4, 4), init_name)
    node = helper.make_node("MatMul", ["x", init_name], ["y"], name="matmul")
    relu = helper.make_node("Relu", ["y"], ["z"], name="relu")
    return helper.make_graph(
        [node, relu], name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 4])],
        [weight],
    )


def model_of(graph, opsets=None):
    model = helper.make_model(graph, producer_name="aigis-fixtures", opset_imports=opsets or [helper.make_opsetid("", 13)])
    model.ir_version = 8
    return model


def fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)


def with_external(folder, location=None, graph=None, write_data=True):
    """Saves a model whose initializers live in weights.bin, then optionally rewrites the location."""
    fresh(folder)
    path = os.path.join(folder, "model.onnx")
    onnx.save_model(model_of(graph or dense_graph()), path, save_as_external_data=True, all_tensors_to_one_file=True, location="weights.bin", size_threshold=0)
    if not write_data:
        os.remove(os.path.join(folder, "weights.bin"))
    if location is not None:
        model = onnx.load(path, load_external_data=False)
        for tensor in external_tensors(model.graph):
            for entry in tensor.external_data:
                if entry.key == "location":
                    entry.value = location
        onnx.save_model(model, path)
        if os.path.exists(os.path.join(folder, "weights.bin")):
            os.remove(os.path.join(folder, "weights.bin"))
    return path


def external_tensors(graph):
    for tensor in graph.initializer:
        if tensor.data_location == TensorProto.EXTERNAL:
            yield tensor
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                yield from external_tensors(attribute.g)


onnx.save_model(model_of(dense_graph()), "benign.onnx")
with_external("external")
with_external("traversal", "../../etc/passwd")
with_external("absolute", "/etc/passwd")
with_external("missing", write_data=False)

# offset + length beyond the data file
path = with_external("out_of_range")
model = onnx.load(path, load_external_data=False)
for entry in model.graph.initializer[0].external_data:
    if entry.key == "length":
        entry.value = "4096"
onnx.save_model(model, path)

# custom operator domains
custom = helper.make_graph(
    [
        helper.make_node("Gelu", ["x"], ["g"], name="gelu", domain="com.microsoft"),
        helper.make_node("RunShell", ["g"], ["z"], name="runner", domain="evil.custom"),
    ],
    "custom",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
    [helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 4])],
)
onnx.save_model(model_of(custom, [helper.make_opsetid("", 13), helper.make_opsetid("com.microsoft", 1), helper.make_opsetid("evil.custom", 1)]), "custom_domain.onnx")

# an If whose then-branch holds an external initializer that escapes the folder
then_graph = dense_graph("then", "W_then")
else_graph = helper.make_graph([helper.make_node("Identity", ["x"], ["z"], name="same")], "else", [], [helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 4])])
branch = helper.make_node("If", ["cond"], ["z"], name="branch", then_branch=then_graph, else_branch=else_graph)
outer = helper.make_graph(
    [branch], "outer",
    [helper.make_tensor_value_info("cond", TensorProto.BOOL, []), helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
    [helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 4])],
)
fresh("subgraph")
model = model_of(outer)
then_weight = next(a for a in model.graph.node[0].attribute if a.name == "then_branch").g.initializer[0]
then_weight.ClearField("raw_data")
then_weight.ClearField("float_data")
then_weight.data_location = TensorProto.EXTERNAL
for key, value in (("location", "../secret.bin"), ("offset", "0"), ("length", "64")):
    entry = then_weight.external_data.add()
    entry.key, entry.value = key, value
onnx.save_model(model, "subgraph/model.onnx")

# raw_data shorter than dims x dtype
model = model_of(dense_graph())
model.graph.initializer[0].raw_data = model.graph.initializer[0].raw_data[:40]
onnx.save_model(model, "size_mismatch.onnx")

with open("not_onnx.onnx", "w") as f:
    f.write("this is a text file with an .onnx name\n")
