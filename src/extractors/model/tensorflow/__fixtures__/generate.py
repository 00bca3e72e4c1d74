"""Writes the TensorFlow fixtures from the .proto field numbers (no TensorFlow needed).

SavedModel: 1 schema version, 2 meta_graphs. MetaGraphDef: 2 graph_def, 3 saver_def.
GraphDef: 1 node, 2 library (FunctionDefLibrary: 1 function), 4 versions.
FunctionDef: 1 signature (OpDef: 1 name), 3 node_def. NodeDef: 1 name, 2 op, 3 input, 5 attr (key 1, AttrValue 2: s = 2).
SaverDef: 1 filename_tensor_name, 2 save_tensor_name, 3 restore_op_name.
keras_metadata.pb: SavedMetadata 1 nodes; SavedObject 2 node_id, 3 node_path, 4 identifier, 5 metadata (JSON).
Run with /usr/bin/python3 from this folder.
"""
import json
import os


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_len(number, payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def field_varint(number, value):
    return varint(number << 3) + varint(value)


def attr_s(key, value):
    return field_len(5, field_len(1, key) + field_len(2, field_len(2, value)))


def node(name, op, inputs=(), attrs=None):
    body = field_len(1, name) + field_len(2, op)
    for i in inputs:
        body += field_len(3, i)
    for key, value in (attrs or {}).items():
        body += attr_s(key, value)
    return body


def function(name, nodes):
    return field_len(1, field_len(1, name)) + b"".join(field_len(3, n) for n in nodes)


def graph(nodes, functions=()):
    body = b"".join(field_len(1, n) for n in nodes)
    if functions:
        body += field_len(2, b"".join(field_len(1, f) for f in functions))
    return body + field_len(4, field_varint(1, 1087))


def saved_model(graph_bytes, saver=None):
    meta = field_len(2, graph_bytes)
    if saver:
        meta += field_len(3, field_len(1, saver[0]) + field_len(2, saver[1]) + field_len(3, saver[2]))
    return field_varint(1, 1) + field_len(2, meta)


def write(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


DENSE = [
    node("x", "Placeholder"),
    node("dense/kernel", "VarHandleOp"),
    node("dense/MatMul/ReadVariableOp", "ReadVariableOp", ["dense/kernel"]),
    node("dense/MatMul", "MatMul", ["x", "dense/MatMul/ReadVariableOp"]),
    node("dense/Relu", "Relu", ["dense/MatMul"]),
    node("Identity", "Identity", ["dense/Relu"]),
]
SAVER_NODES = [
    node("save/Const", "Const"),
    node("save/SaveV2", "SaveV2", ["save/Const"]),
    node("save/RestoreV2", "RestoreV2", ["save/Const"]),
    node("save/MergeV2Checkpoints", "MergeV2Checkpoints"),
]
TRACED_SAVE = function("__inference__traced_save_42", [
    node("StringJoin", "StringJoin"),
    node("ShardedFilename", "ShardedFilename"),
    node("SaveV2", "SaveV2"),
    node("MergeV2Checkpoints", "MergeV2Checkpoints"),
])
TRACED_RESTORE = function("__inference__traced_restore_57", [node("RestoreV2", "RestoreV2"), node("AssignVariableOp", "AssignVariableOp")])

write("benign/saved_model.pb", saved_model(graph(DENSE + SAVER_NODES, [TRACED_SAVE, TRACED_RESTORE]), ("save/Const:0", "save/control_dependency:0", "save/restore_all")))
write("frozen_graph.pb", graph(DENSE))
write("pyfunc/saved_model.pb", saved_model(graph(DENSE + [node("bad", "PyFunc", ["x"], {"token": "pyfunc_0"})])))
write("hidden_pyfunc/saved_model.pb", saved_model(graph(DENSE, [function("__inference_call_7", [node("inner/EagerPyFunc", "EagerPyFunc", attrs={"token": "pyfunc_3"})])])))
write("file_ops.pb", graph([
    node("path", "Const"),
    node("read", "ReadFile", ["path"]),
    node("write", "WriteFile", ["path", "read"]),
    node("print", "PrintV2", ["read"], {"output_stream": "file:///tmp/leak.txt"}),
    node("steal/SaveV2", "SaveV2", ["path"]),
]))
write("custom_ops.pb", graph([node("x", "Placeholder"), node("run", "ShellExecute", ["x"]), node("mystery", "MyCustomKernel", ["x"])]))
write("not_a_graph.pb", b"this is plain text, not a protobuf message\n")

LAMBDA = {
    "name": "lambda",
    "class_name": "Lambda",
    "config": {"name": "lambda", "function": ["4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMEAAAAfABTAKkBTqkAqQHaAXhyAgAAAHICAAAA", None, None], "function_type": "lambda", "module": "__main__"},
}
DENSE_LAYER = {"name": "dense", "class_name": "Dense", "config": {"name": "dense", "units": 4, "activation": "relu"}}


def saved_object(node_id, path, identifier, metadata):
    return field_len(1, field_varint(2, node_id) + field_len(3, path) + field_len(4, identifier) + field_len(5, json.dumps(metadata)))


write("keras_lambda/keras_metadata.pb", saved_object(0, "root", "_tf_keras_sequential", {"class_name": "Sequential", "config": {"name": "seq", "layers": [DENSE_LAYER, LAMBDA]}}) + saved_object(1, "root.layer-0", "_tf_keras_layer", DENSE_LAYER) + saved_object(2, "root.layer-1", "_tf_keras_layer", LAMBDA))
write("keras_dense/keras_metadata.pb", saved_object(0, "root", "_tf_keras_sequential", {"class_name": "Sequential", "config": {"name": "seq", "layers": [DENSE_LAYER]}}) + saved_object(1, "root.layer-0", "_tf_keras_layer", DENSE_LAYER))
