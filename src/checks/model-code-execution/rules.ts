import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'model-code-execution';

export const RULE_IDS = {
  dangerousImport: 'dangerous-import',
  unresolvedImport: 'unresolved-import',
  unknownImport: 'unknown-import',
  userClassImport: 'user-class-import',
  containerAmbiguity: 'container-ambiguity',
  containerLimit: 'container-limit',
  containerUnscannable: 'container-unscannable',
  containerMalformed: 'container-malformed',
  pathTraversal: 'path-traversal',
  pickleLimit: 'pickle-limit',
  pickleMalformed: 'pickle-malformed',
  pickleTrailingData: 'pickle-trailing-data',
} as const;

export type ModelCodeExecutionRuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

const RE_SAVE = 'If you trust the source, load it once in an isolated environment and re-save the weights as safetensors.';

export const MODEL_CODE_EXECUTION_RULES: readonly Rule[] = [
  {
    id: RULE_IDS.dangerousImport,
    title: 'Pickle imports a dangerous function or class',
    severity: 'critical',
    help:
      'The pickle imports something that runs programs, evaluates code, loads other pickles, writes files or opens ' +
      'connections. Unpickling it (pickle.load, torch.load, joblib.load, numpy.load with allow_pickle) does that on ' +
      'your machine. An import is reported even when it is not called: importing runs module code, and an imported ' +
      `object can be used by later opcodes. Do not load the file. ${RE_SAVE}`,
  },
  {
    id: RULE_IDS.unresolvedImport,
    title: 'Pickle import computed at load time',
    severity: 'high',
    help:
      'The module or name of an import is not a constant in the file (it is built by earlier opcodes, taken from the ' +
      'memo after being changed, or comes from the extension registry), so what it imports can only be known by running ' +
      'the pickle. Benign checkpoints never do this. Treat the file as malicious unless you know how it was made.',
  },
  {
    id: RULE_IDS.unknownImport,
    title: 'Pickle import not known to be safe',
    severity: 'high',
    help:
      'The pickle imports a module attribute that is not on the allowlist of side-effect-free names (tensor and array ' +
      'rebuilds, standard containers, estimator classes). Loading it imports that module and may call it. Check what ' +
      `the name does before loading, or load with torch.load(weights_only=True), which refuses it. ${RE_SAVE}`,
  },
  {
    id: RULE_IDS.userClassImport,
    title: 'Model file needs the saving project\'s classes',
    severity: 'medium',
    help:
      'The file is a whole-model save: it pickles instances of the project\'s own classes, so loading it imports the ' +
      'project\'s modules and runs their code, and torch.load(weights_only=True) refuses it. Make sure that code is ' +
      'the code you trust, and prefer publishing a state_dict (torch.save(model.state_dict())) or safetensors.',
  },
  {
    id: RULE_IDS.containerAmbiguity,
    title: 'Archive can be read two ways',
    severity: 'high',
    help:
      'The archive has duplicate entries or a local header that disagrees with the central directory. A loader may ' +
      'read different bytes than the scanner did, so the scan result does not describe what would be loaded. ' +
      'Rebuild the archive from trusted contents.',
  },
  {
    id: RULE_IDS.containerLimit,
    title: 'Member not fully scanned',
    severity: 'high',
    help:
      'A member was cut off by a size, decompression or member-count bound, so part of its content was not checked. ' +
      'Oversized or highly compressed members are also how decompression bombs and scanner evasion work. Inspect the ' +
      'file by other means, or raise the bound if the size is expected.',
  },
  {
    id: RULE_IDS.containerUnscannable,
    title: 'Archive content could not be scanned',
    severity: 'high',
    help:
      'A member is encrypted or unreadable, so it was not scanned; it is not known to be clean. Loaders that ignore ' +
      'encryption flags may still read it. Obtain an unencrypted copy, or do not load the file.',
  },
  {
    id: RULE_IDS.containerMalformed,
    title: 'Archive is malformed',
    severity: 'medium',
    help:
      'The archive structure is damaged or non-standard. Some loaders are lenient and read such archives anyway, ' +
      'possibly differently than the scanner did. Rebuild the archive from trusted contents.',
  },
  {
    id: RULE_IDS.pathTraversal,
    title: 'Archive member escapes the extraction folder',
    severity: 'critical',
    help:
      'A member name is absolute or contains `..`, so extracting the archive writes outside the target folder ' +
      '(overwriting shell profiles, site-packages or other models). Do not extract it.',
  },
  {
    id: RULE_IDS.pickleLimit,
    title: 'Pickle not fully scanned',
    severity: 'high',
    help:
      'The scanner stopped reading a pickle at one of its bounds (opcode count, nesting, size), so imports after that ' +
      'point were not checked. The file is not known to be clean.',
  },
  {
    id: RULE_IDS.pickleMalformed,
    title: 'Pickle stream is malformed',
    severity: 'low',
    help:
      'The pickle breaks at the given offset (unknown opcode, truncation, stack error). pickle.load still runs every ' +
      'opcode before the break, so imports found before it are reported by the import rules. A break right after a ' +
      'payload is a known way to hide from scanners that give up on errors.',
  },
  {
    id: RULE_IDS.pickleTrailingData,
    title: 'Data after the last pickle',
    severity: 'info',
    help:
      'Bytes follow the final STOP opcode. pickle.load ignores them, but another pickle.load on the same stream would ' +
      'read them; they were not scanned as a pickle.',
  },
];
