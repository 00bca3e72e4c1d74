import type { KerasReference, KerasTfOp } from '../../core/model-facts/keras.js';
import { DANGEROUS_KERAS_NAMES, isDangerousModule, isKerasModule, isKerasPackage, KNOWN_CLASSES } from './known-names.js';
import { RULE_IDS, type KerasRuleId } from './rules.js';

export interface ReferenceVerdict {
  ruleId: KerasRuleId;
  reason: string;
}

/** `Package>Name` registrations carry the package before `>`; built-in objects have no `>`. */
function registeredPackage(registeredName: string | undefined): string | undefined {
  if (registeredName === undefined || !registeredName.includes('>')) return undefined;
  return registeredName.split('>')[0];
}

/**
 * Judges one class/module reference of a Keras config, allowlist first: Keras' own modules and built-in class
 * names are clean (undefined); dangerous modules are critical, other modules high, custom registrations medium,
 * unknown bare class names low.
 */
export function judgeReference(reference: KerasReference): ReferenceVerdict | undefined {
  const { module, className } = reference;
  const pkg = registeredPackage(reference.registeredName);
  if (className === '__lambda__') return undefined; // reported by the Lambda rule
  if (module !== undefined && module !== '') {
    if (isDangerousModule(module)) return { ruleId: RULE_IDS.dangerousModule, reason: `module ${module} is imported to resolve ${className}` };
    if (isKerasModule(module)) {
      if (DANGEROUS_KERAS_NAMES.has(className)) return { ruleId: RULE_IDS.dangerousModule, reason: `${module}.${className} loads or fetches other content` };
      return pkg === undefined || isKerasPackage(pkg) ? undefined : customVerdict(pkg, reference);
    }
    if (pkg !== undefined || module === '__main__') return customVerdict(pkg ?? module, reference);
    return { ruleId: RULE_IDS.unknownModule, reason: `module ${module} is outside Keras and is imported on load to resolve ${className}` };
  }
  if (pkg !== undefined) return isKerasPackage(pkg) ? undefined : customVerdict(pkg, reference);
  if (KNOWN_CLASSES.has(className)) return undefined;
  return { ruleId: RULE_IDS.unknownClass, reason: `${className} is not a built-in Keras class; Keras needs it from custom_objects` };
}

function customVerdict(pkg: string, reference: KerasReference): ReferenceVerdict {
  if (isDangerousModule(pkg)) return { ruleId: RULE_IDS.dangerousModule, reason: `registered package ${pkg} is a dangerous module` };
  const name = reference.registeredName ?? reference.className;
  return { ruleId: RULE_IDS.customObject, reason: `custom object ${name} (module ${reference.module ?? 'not given'}) runs its package's code on load` };
}

const IDENTIFIER_PATH = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
/** TensorFlow namespaces and ops that reach files, Python callbacks or the system rather than tensors. */
const RISKY_TF = new Set([
  'io', 'gfile', 'py_function', 'numpy_function', 'py_func', 'sysconfig', 'saved_model', 'train', 'summary', 'data',
  'lookup', 'load_op_library', 'load_library', 'keras', 'debugging', 'print', 'ReadFile', 'WriteFile', 'MatchingFiles',
  'PyFunc', 'EagerPyFunc', 'PyFuncStateless', 'distribute', 'tpu', 'experimental',
]);

/** A TFOpLambda `function` is fine when it is an attribute path to a plain tensor op. */
export function judgeTfOp(op: KerasTfOp): string | undefined {
  if (!IDENTIFIER_PATH.test(op.function)) return `"${op.function}" is not an attribute path of the TensorFlow API`;
  const segments = op.function.split('.').filter((segment) => !['compat', 'v1', 'v2', 'raw_ops', '__operators__'].includes(segment));
  const risky = segments.find((segment) => RISKY_TF.has(segment));
  return risky === undefined ? undefined : `tf.${op.function} goes through ${risky}, which reaches files, Python callbacks or the system`;
}
