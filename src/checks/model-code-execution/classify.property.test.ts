import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyImport, safeReasonOf } from './classify.js';
import { DANGEROUS_PATHS } from './import-policy.js';

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
const dottedName = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const wholeModules = DANGEROUS_PATHS.flatMap((family) => family.paths).filter((path) => !path.includes('*'));

describe('classifyImport properties', () => {
  it('never throws, and says safe only for allowlisted names', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (module, name, resolved) => {
        const verdict = classifyImport(module, name, { resolved, format: 'pytorch-zip' });
        if (verdict.class === 'safe') expect(safeReasonOf(module, name) ?? module.startsWith('__torch__')).toBeTruthy();
      }),
    );
  });

  it('judges anything below a dangerous path as dangerous, however it is split into module and name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...wholeModules), dottedName, fc.nat(3), (path, rest, split) => {
        const parts = `${path}.${rest}`.split('.');
        const cut = Math.min(Math.max(1, split), parts.length - 1);
        const module = parts.slice(0, cut).join('.');
        const name = parts.slice(cut).join('.');
        const verdict = classifyImport(module, name);
        if (verdict.class !== 'dangerous') expect(safeReasonOf(module, name)).toBeDefined();
      }),
    );
  });
});
