import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledLists, inventoryOf, pythonPackage } from './__fixtures__/lists.js';
import { findTyposquats, lookalikeIndexFor } from './index.js';
import { singleEdit } from './name-forms.js';

const lists = bundledLists();
const index = lookalikeIndexFor(lists);

describe('typosquat properties', () => {
  it('never throws on arbitrary Unicode names and answers with a listed target', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (name) => {
        const match = index.find(name);
        if (match !== undefined) expect(lists.topPackages[match.targetRank - 1]).toBe(match.target);
        const findings = findTyposquats(inventoryOf([pythonPackage(name)]), lists);
        expect(findings.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every single adjacent swap of a long popular name', () => {
    const popular = lists.topPackages.slice(0, 300).filter((name) => name.length >= 6);
    fc.assert(
      fc.property(fc.constantFrom(...popular), fc.nat(), (name, n) => {
        const i = n % (name.length - 1);
        const swapped = name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
        fc.pre(swapped !== name && !lists.topPackages.includes(swapped));
        const match = index.find(swapped);
        expect(match).toBeDefined();
        expect(match!.targetRank).toBeLessThanOrEqual(lists.topPackages.indexOf(name) + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('singleEdit agrees with its definition on random pairs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.nat(), fc.constantFrom('a', 'b', '-'), (s, n, c) => {
        const i = n % (s.length + 1);
        const inserted = s.slice(0, i) + c + s.slice(i);
        expect(singleEdit(inserted, s)?.kind).toBe('insertion');
        expect(singleEdit(s, inserted)?.kind).toBe('omission');
        expect(singleEdit(s, s)).toBeUndefined();
      }),
    );
  });

  it('stays fast on huge names (input is cut to 256 characters)', () => {
    const huge = 'requests'.repeat(200_000);
    const start = performance.now();
    index.find(huge);
    index.find('\u0430'.repeat(1_000_000));
    findTyposquats(inventoryOf([pythonPackage(huge)]), lists);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
