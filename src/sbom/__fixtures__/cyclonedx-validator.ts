import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type AddFormats = (ajv: Ajv) => unknown;
/** ajv-formats is CommonJS: its default import is `module.exports`, whose `default` is the plugin too. */
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

const FIXTURES = new URL('../../../test/fixtures/cyclonedx/', import.meta.url);
export const readFixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Record<string, unknown>;

/**
 * The official CycloneDX schema (draft-07, as it declares) with the schemas it references (SPDX license
 * ids, JSF, and for 1.7 the cryptography definitions). `strict: false` because the schemas use
 * annotation keywords ajv does not know (`meta:enum`, `deprecated` texts).
 */
export function cycloneDxValidator(version: '1.6' | '1.7'): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // ajv-formats has no IRI formats: an IRI reference is a URI reference that may hold non-ASCII characters,
  // so it must at least have no spaces or control characters; an idn-email is an email with Unicode allowed.
  ajv.addFormat('iri-reference', /^[^\s\u0000-\u001f\u007f]*$/u);
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  ajv.addSchema(readFixture('spdx.schema.json'));
  ajv.addSchema(readFixture('jsf-0.82.schema.json'));
  if (version === '1.7') ajv.addSchema(readFixture('cryptography-defs.schema.json'));
  return ajv.compile(readFixture(`bom-${version}.schema.json`));
}
