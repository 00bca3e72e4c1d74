import { ruleSeverity } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { JsonObject } from '../../core/json.js';
import type { KerasFacts, KerasLambda } from '../../core/model-facts/keras.js';
import type { Severity } from '../../core/severity.js';
import { judgeReference, judgeTfOp } from './judge.js';
import { describeLambda } from './lambda-message.js';
import { CHECK_ID, MODEL_KERAS_RULES, RULE_IDS, type KerasRuleId } from './rules.js';

interface Target {
  component: Component;
  path: string;
  keras: KerasFacts;
}

const FIX: Partial<Record<KerasRuleId, string>> = {
  [RULE_IDS.lambdaLayer]: 'Do not load this model with safe_mode=False or with Keras 2 / tf.keras; rebuild the architecture in code and load only the weights.',
  [RULE_IDS.dangerousModule]: 'Do not load this model.',
  [RULE_IDS.unsafeDeserialization]: 'Do not load this model.',
  [RULE_IDS.unknownModule]: 'Load with Keras >= 3.9 and safe_mode=True, and only if you trust the named module.',
};

function severityOf(ruleId: KerasRuleId): Severity {
  return ruleSeverity(MODEL_KERAS_RULES, ruleId);
}

function finding(target: Target, ruleId: KerasRuleId, message: string, evidence: JsonObject, key: string): Finding {
  const member = target.keras.configSource === 'config.json' ? 'config.json' : undefined;
  const result: Finding = {
    checkId: CHECK_ID,
    ruleId,
    severity: severityOf(ruleId),
    message,
    componentId: target.component.id,
    location: { path: target.path, ...(member === undefined ? {} : { member }) },
    evidence: { container: target.keras.container, configSource: target.keras.configSource ?? null, ...evidence },
    fingerprint: fingerprintOf([ruleId, target.path, key]),
  };
  const fix = FIX[ruleId];
  if (fix !== undefined) result.fix = fix;
  return result;
}

function where(target: Target): string {
  return target.keras.configSource === 'config.json' ? `${target.path} (config.json)` : `${target.path} (model_config)`;
}

function lambdaFinding(target: Target, lambda: KerasLambda): Finding {
  const name = lambda.layerName === undefined ? '' : ` '${lambda.layerName}'`;
  const kind = lambda.via === 'Lambda' ? `Lambda layer${name}` : lambda.via === '__lambda__' ? `__lambda__ object${name}` : `layer${name} with function_type "lambda"`;
  const nested = lambda.enclosing.length > 1 ? `, hidden inside ${lambda.enclosing.join(' > ')}` : '';
  const message = `${where(target)}: ${kind} at ${lambda.path}${nested} ${describeLambda(lambda)}; Keras runs this code when the model is loaded and called with safe_mode off.`;
  const evidence: JsonObject = { path: lambda.path, via: lambda.via, encoding: lambda.encoding, enclosing: lambda.enclosing };
  if (lambda.layerName !== undefined) evidence['layer'] = lambda.layerName;
  if (lambda.text !== undefined) evidence['text'] = lambda.text;
  if (lambda.module !== undefined) evidence['module'] = lambda.module;
  if (lambda.code !== undefined) evidence['code'] = { ...lambda.code } as unknown as JsonObject;
  return finding(target, RULE_IDS.lambdaLayer, message, evidence, lambda.path);
}

/** Every finding for one Keras model file. */
export function kerasFindings(component: Component, path: string, keras: KerasFacts): Finding[] {
  const target: Target = { component, path, keras };
  const findings = keras.lambdas.map((lambda) => lambdaFinding(target, lambda));
  for (const reference of keras.references) {
    const verdict = judgeReference(reference);
    if (verdict === undefined) continue;
    const named = [reference.module, reference.className].filter((part) => part !== undefined).join('.');
    const message = `${where(target)}: ${reference.path} references ${named}${reference.registeredName === undefined ? '' : ` (registered as ${reference.registeredName})`}: ${verdict.reason}.`;
    const evidence: JsonObject = { path: reference.path, className: reference.className, module: reference.module ?? null, registeredName: reference.registeredName ?? null, count: reference.count, reason: verdict.reason };
    findings.push(finding(target, verdict.ruleId, message, evidence, `${reference.module ?? ''}:${reference.className}:${reference.registeredName ?? ''}`));
  }
  for (const marker of keras.unsafeMarkers) {
    const message = `${where(target)}: ${marker.path} names ${JSON.stringify(marker.text)}, the switch that turns Keras' safe_mode off for what is deserialized after it.`;
    findings.push(finding(target, RULE_IDS.unsafeDeserialization, message, { path: marker.path, text: marker.text }, `${marker.path}:${marker.text}`));
  }
  for (const op of keras.tfOps) {
    const reason = judgeTfOp(op);
    if (reason === undefined) continue;
    findings.push(finding(target, RULE_IDS.tfOpOutsideTf, `${where(target)}: TFOpLambda at ${op.path}: ${reason}.`, { path: op.path, function: op.function, reason }, `${op.path}:${op.function}`));
  }
  if (keras.walkLimit !== undefined) {
    findings.push(finding(target, RULE_IDS.configWalkLimit, `${where(target)}: ${keras.walkLimit}; the rest of the config was not checked.`, { reason: keras.walkLimit }, 'walk-limit'));
  }
  if (keras.noModelConfig === true) {
    findings.push(finding(target, RULE_IDS.noModelConfig, `${target.path}: HDF5 file without a Keras model_config or Keras 2 weight attributes (a Keras 3 .weights.h5 or a data file); nothing in it is deserialized as code.`, {}, 'no-model-config'));
  }
  return findings;
}
