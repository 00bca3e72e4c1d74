import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type AddFormats = (ajv: Ajv | Ajv2020) => unknown;
/** ajv-formats is CommonJS: its default import is `module.exports`, whose `default` is the plugin too. */
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

function readJson(url: URL): Record<string, unknown> {
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/** Validator for the aigis JSON report (draft-07 schema beside the reporter). */
export function jsonReportValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv.compile(readJson(new URL('../reporters/json/schema.json', import.meta.url)));
}

/**
 * JavaScript has no inline `(?i)` flag, which one pattern of the official SARIF schema uses; this engine
 * turns a leading `(?i)` into the `i` flag and compiles every other pattern unchanged.
 */
function pcreCompatibleRegExp(pattern: string, flags: string): RegExp {
  if (pattern.includes('(?i)')) return new RegExp(pattern.replace('(?i)', ''), `${flags}i`);
  return new RegExp(pattern, flags);
}
pcreCompatibleRegExp.code = 'new RegExp';

/** Validator for the official OASIS SARIF 2.1.0 schema in test/schemas/. */
export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, code: { regExp: pcreCompatibleRegExp } });
  addFormats(ajv);
  return ajv.compile(readJson(new URL('../../../test/schemas/sarif-schema-2.1.0.json', import.meta.url)));
}
