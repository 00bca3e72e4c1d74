import { describe, expect, it } from 'vitest';
import type { KerasReference } from '../../core/model-facts/keras.js';
import { judgeReference, judgeTfOp } from './judge.js';

const ref = (className: string, module?: string, registeredName?: string): KerasReference => ({
  path: 'p',
  className,
  count: 1,
  ...(module === undefined ? {} : { module }),
  ...(registeredName === undefined ? {} : { registeredName }),
});
const rule = (reference: KerasReference) => judgeReference(reference)?.ruleId ?? 'clean';

describe('judgeReference', () => {
  it('is clean for Keras namespaces and built-in classes', () => {
    expect(rule(ref('Dense'))).toBe('clean');
    expect(rule(ref('Dense', 'keras.layers'))).toBe('clean');
    expect(rule(ref('Dense', 'keras.src.layers.core.dense'))).toBe('clean');
    expect(rule(ref('Conv2D', 'tf_keras.layers'))).toBe('clean');
    expect(rule(ref('Dense', 'tensorflow.keras.layers'))).toBe('clean');
    expect(rule(ref('GemmaBackbone', 'keras_hub.src.models', 'keras_hub>GemmaBackbone'))).toBe('clean');
    expect(rule(ref('DTypePolicy', 'keras'))).toBe('clean');
  });

  it('is critical for dangerous modules, registered packages and Keras loaders', () => {
    expect(rule(ref('system', 'os'))).toBe('dangerous-module');
    expect(rule(ref('Popen', 'subprocess'))).toBe('dangerous-module');
    expect(rule(ref('function', 'builtins'))).toBe('dangerous-module');
    expect(rule(ref('import_module', 'importlib.util'))).toBe('dangerous-module');
    expect(rule(ref('X', undefined, 'os>system'))).toBe('dangerous-module');
    expect(rule(ref('get_file', 'keras.utils'))).toBe('dangerous-module');
  });

  it('is high for other modules, medium for custom registrations, low for unknown bare classes', () => {
    expect(rule(ref('Thing', 'some_package.layers'))).toBe('unknown-module');
    expect(rule(ref('MyLayer', 'my_package.layers', 'MyPackage>MyLayer'))).toBe('custom-object');
    expect(rule(ref('MyLayer', '__main__'))).toBe('custom-object');
    expect(rule(ref('MyLayer', undefined, 'MyPackage>MyLayer'))).toBe('custom-object');
    expect(rule(ref('MyLayer'))).toBe('unknown-class');
    expect(rule(ref('__lambda__'))).toBe('clean'); // the Lambda rule reports it
  });
});

describe('judgeTfOp', () => {
  it('accepts attribute paths to tensor ops and flags IO, Python callbacks and non-paths', () => {
    for (const op of ['math.add', 'nn.relu', '__operators__.add', 'compat.v1.transpose', 'reshape']) expect(judgeTfOp({ path: 'p', function: op })).toBeUndefined();
    for (const op of ['io.write_file', 'py_function', 'compat.v1.py_func', 'raw_ops.ReadFile', 'os.system(1)', '']) expect(judgeTfOp({ path: 'p', function: op })).toBeDefined();
  });
});
