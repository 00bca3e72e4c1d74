import { describe, expect, it } from 'vitest';
import type { Component } from '../../core/component.js';
import type { Inventory } from '../../core/inventory.js';
import type { ContainerAnomaly, ModelFormat, PickleImport, PickleScan, PickleStream } from '../../core/model-metadata.js';
import { SEVERITIES } from '../../core/severity.js';
import { findModelCodeExecution, modelCodeExecutionCheck, MODEL_CODE_EXECUTION_RULES, RULE_IDS } from './index.js';


function imported(module: string, name: string, offset: number, call?: { opcode: PickleImport['callOpcode']; offset: number }): PickleImport {
  return {
    module,
    name,
    opcode: 'GLOBAL',
    offset,
    resolved: true,
    called: call !== undefined,
    ...(call ? { callOpcode: call.opcode, callOffset: call.offset } : {}),
  };
}

function stream(imports: PickleImport[], extra: Partial<PickleStream> = {}): PickleStream {
  return { index: 0, start: 0, end: 100, protocol: 2, opcodeCount: 20, imports, ...extra };
}

function modelFile(path: string, format: ModelFormat, pickles: PickleScan[], anomalies: ContainerAnomaly[] = []): Component {
  return {
    id: `model:${path}`,
    kind: 'model',
    name: path,
    locations: [{ path }],
    hashes: [],
    foundBy: 'model/pytorch',
    metadata: { type: 'model-file', format, pickles, anomalies },
  };
}

function inventory(...components: Component[]): Inventory {
  return { components, relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 0 };
}

const SAFE_STATE_DICT = [
  imported('collections', 'OrderedDict', 2, { opcode: 'REDUCE', offset: 40 }),
  imported('torch._utils', '_rebuild_tensor_v2', 20, { opcode: 'REDUCE', offset: 80 }),
  imported('torch', 'FloatStorage', 30),
];

describe('modelCodeExecutionCheck', () => {
  it('declares its rules with unique ids, severities and help', () => {
    const ids = MODEL_CODE_EXECUTION_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of MODEL_CODE_EXECUTION_RULES) {
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.help.length).toBeGreaterThan(40);
    }
    expect(modelCodeExecutionCheck).toMatchObject({ id: 'model-code-execution', tags: ['model'], requires: [] });
  });

  it('reports nothing for a state_dict made of allowlisted imports', () => {
    const file = modelFile('model.pt', 'pytorch-zip', [{ member: 'archive/data.pkl', streams: [stream(SAFE_STATE_DICT)] }]);
    expect(findModelCodeExecution(inventory(file))).toEqual([]);
  });

  it('ignores components that are not model files', () => {
    const other: Component = { ...modelFile('x', 'pickle', []), kind: 'file', metadata: { type: 'none' } };
    expect(findModelCodeExecution(inventory(other))).toEqual([]);
  });

  it('reports a called dangerous import as critical, with evidence, location and fix', () => {
    const pickles = [{ member: 'archive/data.pkl', streams: [stream([...SAFE_STATE_DICT, imported('os', 'system', 45, { opcode: 'REDUCE', offset: 57 })])] }];
    const [finding, ...rest] = findModelCodeExecution(inventory(modelFile('model.pt', 'pytorch-zip', pickles)));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      checkId: 'model-code-execution',
      ruleId: 'dangerous-import',
      severity: 'critical',
      componentId: 'model:model.pt',
      location: { path: 'model.pt', member: 'archive/data.pkl', offset: 45 },
      evidence: {
        import: 'os.system', module: 'os', name: 'system', called: true, opcode: 'GLOBAL', offset: 45,
        callOpcode: 'REDUCE', callOffset: 57, stream: 0, member: 'archive/data.pkl', format: 'pytorch-zip', count: 1,
        family: 'process-execution',
      },
    });
    expect(finding?.message).toBe('`os.system` is called by the pickle in archive/data.pkl (REDUCE at offset 57): loading this file runs a program or shell command.');
    expect(finding?.fix).toMatch(/Do not load this file/);
  });

  it('keeps an uncalled dangerous import critical and says it is imported', () => {
    const pickles = [{ streams: [stream([imported('builtins', 'eval', 3)])] }];
    const [finding] = findModelCodeExecution(inventory(modelFile('a.pkl', 'pickle', pickles)));
    expect(finding).toMatchObject({ ruleId: 'dangerous-import', severity: 'critical', evidence: { called: false } });
    expect(finding?.message).toMatch(/is imported by the pickle in a\.pkl \(GLOBAL at offset 3\) and not called/);
    expect(finding?.location).toEqual({ path: 'a.pkl', offset: 3 });
  });

  it('names the Python 3 equivalent of a Python 2 import', () => {
    const pickles = [{ streams: [stream([imported('__builtin__', 'eval', 3, { opcode: 'REDUCE', offset: 30 })])] }];
    const [finding] = findModelCodeExecution(inventory(modelFile('a.pkl', 'pickle', pickles)));
    expect(finding?.evidence).toMatchObject({ import: '__builtin__.eval', python3Name: 'builtins.eval' });
    expect(finding?.message).toContain('Python 3 reads it as `builtins.eval`');
  });

  it('dedupes repeated imports per stream, keeping the first offset and a count', () => {
    const pickles = [
      {
        member: 'archive/data.pkl',
        streams: [
          stream([imported('os', 'system', 90, { opcode: 'REDUCE', offset: 99 }), imported('os', 'system', 10), imported('os', 'system', 50, { opcode: 'REDUCE', offset: 60 })]),
          stream([imported('os', 'system', 5)], { index: 1 }),
        ],
      },
    ];
    const findings = findModelCodeExecution(inventory(modelFile('m.pt', 'pytorch-legacy', pickles)));
    expect(findings).toHaveLength(2);
    expect(findings[0]?.evidence).toMatchObject({ offset: 10, count: 3, called: true, callOffset: 60, stream: 0 });
    expect(findings[0]?.message).toContain('pickle #1 in archive/data.pkl (REDUCE at offset 60; 3 uses)');
    expect(findings[1]?.evidence).toMatchObject({ offset: 5, count: 1, stream: 1 });
    expect(findings[0]?.fingerprint).not.toBe(findings[1]?.fingerprint);
  });

  it('keeps fingerprints stable when offsets move', () => {
    const at = (offset: number) => findModelCodeExecution(inventory(modelFile('m.pkl', 'pickle', [{ streams: [stream([imported('os', 'system', offset)])] }])));
    expect(at(10)[0]?.fingerprint).toBe(at(500)[0]?.fingerprint);
    expect(at(10)[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reports unresolved imports as high', () => {
    const unresolved: PickleImport = { module: '', name: '', opcode: 'STACK_GLOBAL', offset: 98, resolved: false, called: true, callOpcode: 'REDUCE', callOffset: 128 };
    const [finding] = findModelCodeExecution(inventory(modelFile('x.pkl', 'pickle', [{ streams: [stream([unresolved])] }])));
    expect(finding).toMatchObject({ ruleId: 'unresolved-import', severity: 'high', evidence: { import: '?', resolved: false } });
    expect(finding?.message).toMatch(/^The pickle in x\.pkl imports a name computed at load time and calls it \(REDUCE at offset 128\)/);
  });

  it('reports unknown imports as high, and project classes of whole-model saves as medium', () => {
    const pickles = [
      {
        member: 'archive/data.pkl',
        streams: [
          stream([
            imported('models.yolo', 'Model', 10, { opcode: 'NEWOBJ', offset: 20 }),
            imported('models.common', 'Conv', 30),
            imported('utils.helpers', 'make_model', 40, { opcode: 'REDUCE', offset: 50 }),
          ]),
        ],
      },
    ];
    const findings = findModelCodeExecution(inventory(modelFile('yolo.pt', 'pytorch-zip', pickles)));
    expect(findings.map((f) => [f.ruleId, f.severity, f.evidence['import']])).toEqual([
      ['user-class-import', 'medium', 'models.yolo.Model'],
      ['user-class-import', 'medium', 'models.common.Conv'],
      ['unknown-import', 'high', 'utils.helpers.make_model'],
    ]);
    expect(findings[0]?.message).toContain('loading imports `models.yolo` and runs its code');
    expect(findings[0]?.fix).toMatch(/state_dict/);
  });

  it('treats the same class as unknown in a plain pickle', () => {
    const pickles = [{ streams: [stream([imported('models.yolo', 'Model', 10, { opcode: 'NEWOBJ', offset: 20 })])] }];
    const [finding] = findModelCodeExecution(inventory(modelFile('yolo.pkl', 'pickle', pickles)));
    expect(finding).toMatchObject({ ruleId: 'unknown-import', severity: 'high' });
  });

  it('maps container anomalies to rules and dedupes them per member', () => {
    const anomalies: ContainerAnomaly[] = [
      { kind: 'duplicate-entry', message: 'entry archive/data.pkl appears twice', member: 'archive/data.pkl', offset: 400 },
      { kind: 'duplicate-entry', message: 'entry archive/data.pkl appears twice', member: 'archive/data.pkl', offset: 900 },
      { kind: 'header-mismatch', message: 'local name datap.kl differs from central directory name data.pkl', member: 'data.pkl' },
      { kind: 'path-traversal', message: 'member name ../../.bashrc leaves the archive folder', member: '../../.bashrc' },
      { kind: 'decompression-limit', message: 'member inflates past 1 GiB', member: 'archive/data/0' },
      { kind: 'size-limit', message: 'member larger than 4 GiB', member: 'archive/data/1' },
      { kind: 'encrypted', message: 'member is encrypted', member: 'archive/data.pkl' },
      { kind: 'unscannable', message: 'unknown compression method 99', member: 'archive/x' },
      { kind: 'malformed', message: 'end of central directory not found' },
    ];
    const findings = findModelCodeExecution(inventory(modelFile('m.zip', 'zip', [], anomalies)));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      [RULE_IDS.containerAmbiguity, 'high'],
      [RULE_IDS.containerAmbiguity, 'high'],
      [RULE_IDS.pathTraversal, 'critical'],
      [RULE_IDS.containerLimit, 'high'],
      [RULE_IDS.containerLimit, 'high'],
      [RULE_IDS.containerUnscannable, 'high'],
      [RULE_IDS.containerUnscannable, 'high'],
      [RULE_IDS.containerMalformed, 'medium'],
    ]);
    expect(findings[0]).toMatchObject({ location: { path: 'm.zip', member: 'archive/data.pkl', offset: 400 }, evidence: { count: 2 } });
    expect(findings[0]?.message).toMatch(/a loader may read other bytes than the scanner did/);
    expect(findings[7]?.location).toEqual({ path: 'm.zip' });
  });

  it('reports a broken stream as low and a scan limit as high, alongside the imports before the break', () => {
    const broken = stream([imported('os', 'system', 2, { opcode: 'REDUCE', offset: 60 })], {
      error: { code: 'PICKLE_INVALID_OPCODE', message: 'unknown opcode 0x0a', offset: 73 },
    });
    const limited = stream([], { index: 1, error: { code: 'PICKLE_LIMIT', message: 'more than 1000000 opcodes', offset: 5000 } });
    const findings = findModelCodeExecution(inventory(modelFile('bad.pkl', 'pickle', [{ streams: [broken, limited] }])));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['dangerous-import', 'critical'],
      ['pickle-malformed', 'low'],
      ['pickle-limit', 'high'],
    ]);
    expect(findings[1]?.message).toContain('pickle.load runs every opcode before that point, including the 1 import(s) found before it');
    expect(findings[1]?.location).toEqual({ path: 'bad.pkl', offset: 73 });
  });

  it('reports trailing bytes as info, except where formats keep payload after the pickle', () => {
    const scan: PickleScan = { streams: [stream([], { end: 40 })], trailingBytes: 12 };
    const plain = findModelCodeExecution(inventory(modelFile('t.pkl', 'pickle', [scan])));
    expect(plain).toMatchObject([{ ruleId: 'pickle-trailing-data', severity: 'info', location: { offset: 40 }, evidence: { trailingBytes: 12 } }]);
    expect(findModelCodeExecution(inventory(modelFile('t.pt', 'pytorch-legacy', [scan])))).toEqual([]);
    expect(findModelCodeExecution(inventory(modelFile('t.joblib', 'joblib', [scan])))).toEqual([]);
  });

  it('uses only declared rule ids', () => {
    const pickles = [{ streams: [stream([imported('os', 'system', 1), imported('x', 'y', 2)], { error: { code: 'PICKLE_TRUNCATED', message: 'eof', offset: 9 } })], trailingBytes: 3 }];
    const anomalies: ContainerAnomaly[] = [{ kind: 'encrypted', message: 'encrypted' }];
    const declared = new Set(MODEL_CODE_EXECUTION_RULES.map((rule) => rule.id));
    for (const finding of findModelCodeExecution(inventory(modelFile('z.pkl', 'pickle', pickles, anomalies)))) {
      expect(declared).toContain(finding.ruleId);
    }
  });
});
