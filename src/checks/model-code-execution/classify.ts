import type { PickleCallOpcode } from '../../core/model-metadata.js';
import type { Severity } from '../../core/severity.js';
import {
  DANGEROUS_PATHS,
  PYTHON2_BUILTIN_NAMES,
  PYTHON2_MODULES,
  PYTORCH_SAVE_FORMATS,
  SAFE_CLASSES,
  SAFE_NAMES,
  type DangerFamily,
  type DangerousPaths,
} from './import-policy.js';

export type ImportClass = 'safe' | 'dangerous' | 'user-class' | 'unknown' | 'unresolved';

export interface ImportVerdict {
  class: ImportClass;
  severity: Severity;
  /** `module.name` as judged, after Python 2 renames (`__builtin__.eval` is judged as `builtins.eval`). */
  qualifiedName: string;
  /** Why, in a sentence fragment a report can show. */
  reason: string;
  family?: DangerFamily;
  /** For dangerous imports: what loading the file does ("runs a program or shell command"). */
  effect?: string;
}

/** What else is known about the import: whether it was resolved, how it is used, the file's format. */
export interface ImportContext {
  /** Component format (`pytorch-zip`...); whole-model PyTorch saves may import the user's classes. */
  format?: string;
  /** False when module or name were computed at load time. Defaults to true. */
  resolved?: boolean;
  callOpcode?: PickleCallOpcode;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLASS_NAME = /^_?[A-Z][A-Za-z0-9_]*$/;
/** Opcodes that call the imported object with arguments (running `__init__` or the function body). */
const CALLING_OPCODES: ReadonlySet<PickleCallOpcode> = new Set(['REDUCE', 'INST', 'OBJ']);

interface QualifiedImport {
  module: string;
  name: string;
}

/** Applies the renames `pickle.Unpickler(fix_imports=True)` makes for Python 2 pickles. */
export function python3Equivalent(module: string, name: string): QualifiedImport {
  if (module === '__builtin__') {
    const renamed = PYTHON2_BUILTIN_NAMES.get(name);
    if (renamed) return { module: renamed[0], name: renamed[1] };
  }
  return { module: PYTHON2_MODULES.get(module) ?? module, name };
}

function pathMatches(pattern: string, qualifiedName: string): boolean {
  if (pattern.endsWith('*')) return qualifiedName.startsWith(pattern.slice(0, -1));
  return qualifiedName === pattern || qualifiedName.startsWith(`${pattern}.`);
}

function isUnderModule(module: string, prefix: string): boolean {
  return module === prefix || module.startsWith(`${prefix}.`);
}

/** The dangerous-path family an import falls in, if any. */
export function dangerousFamilyOf(qualifiedName: string): DangerousPaths | undefined {
  return DANGEROUS_PATHS.find((family) => family.paths.some((pattern) => pathMatches(pattern, qualifiedName)));
}

/** Why an import is safe, or undefined when it is not known to be safe. Exact names only. */
export function safeReasonOf(module: string, name: string): string | undefined {
  const listed = SAFE_NAMES.find((entry) => entry.module === module && entry.names.includes(name));
  if (listed) return listed.reason;
  const pattern = SAFE_CLASSES.find(
    (entry) =>
      isUnderModule(module, entry.modulePrefix) &&
      !entry.excludedModules.some((excluded) => isUnderModule(module, excluded)) &&
      entry.name.test(name),
  );
  return pattern?.reason;
}

function isModulePath(module: string): boolean {
  return module.split('.').every((segment) => IDENTIFIER.test(segment));
}

function userClassVerdict(module: string, name: string, qualifiedName: string, context: ImportContext): ImportVerdict | undefined {
  const isPytorchSave = context.format !== undefined && PYTORCH_SAVE_FORMATS.has(context.format);
  if (module === '__main__' && CLASS_NAME.test(name)) {
    // In a whole-model torch.save the class is the model's own code, which weights_only=True refuses: medium.
    return {
      class: 'user-class',
      severity: isPytorchSave ? 'medium' : 'low',
      qualifiedName,
      reason: 'a class of the script that loads the file (`__main__`); no module is imported, but loading only works where that class is defined',
    };
  }
  const calledWithArguments = context.callOpcode !== undefined && CALLING_OPCODES.has(context.callOpcode);
  if (!isPytorchSave || calledWithArguments || module === '__main__') return undefined;
  if (!isModulePath(module) || !IDENTIFIER.test(name) || name.startsWith('__')) return undefined;
  return {
    class: 'user-class',
    severity: 'medium',
    qualifiedName,
    reason: `a class of the project that saved the whole model; loading imports \`${module}\` and runs its module code, and torch.load(weights_only=True) refuses it`,
  };
}

/**
 * Classifies one pickle import. Safe only when listed as safe; dangerous when it falls in a dangerous
 * family (under its literal name or its Python 3 equivalent); user-class for a class a whole-model
 * PyTorch save needs; unresolved when computed at load time; unknown otherwise.
 */
export function classifyImport(module: string, name: string, context: ImportContext = {}): ImportVerdict {
  if (context.resolved === false || module === '' || name === '') {
    return {
      class: 'unresolved',
      severity: 'high',
      qualifiedName: module || name ? `${module}.${name}` : '?',
      reason: 'the imported module or name is computed while loading, so what runs cannot be known without running it',
    };
  }
  const equivalent = python3Equivalent(module, name);
  const qualifiedName = `${equivalent.module}.${equivalent.name}`;
  const safeReason = safeReasonOf(equivalent.module, equivalent.name);
  if (safeReason !== undefined) return { class: 'safe', severity: 'info', qualifiedName, reason: safeReason };

  const danger = dangerousFamilyOf(qualifiedName) ?? dangerousFamilyOf(`${module}.${name}`);
  if (danger) {
    return { class: 'dangerous', severity: 'critical', qualifiedName, reason: danger.effect, family: danger.family, effect: danger.effect };
  }
  if (context.format === 'torchscript' && isUnderModule(equivalent.module, '__torch__')) {
    return {
      class: 'safe',
      severity: 'info',
      qualifiedName,
      reason: 'a TorchScript class, resolved by TorchScript from the archive rather than imported by Python',
    };
  }
  const userClass = userClassVerdict(equivalent.module, equivalent.name, qualifiedName, context);
  if (userClass) return userClass;
  return { class: 'unknown', severity: 'high', qualifiedName, reason: 'not known to be safe: the import is not on the allowlist' };
}
