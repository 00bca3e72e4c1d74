import { describe, expect, it } from 'vitest';
import type { OsvAffected, OsvRecord } from '../../../core/osv.js';
import { affectedBy, fixedVersions, smallestClearingVersion } from './index.js';

function rec(affected: OsvAffected[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id: 'PYSEC-0000-1', modified: '2024-01-01T00:00:00Z', affected, ...extra };
}
const pypi = (name: string): OsvAffected['package'] => ({ ecosystem: 'PyPI', name });
const eco = (...events: Array<Record<string, string>>) => ({ type: 'ECOSYSTEM', events: events as never });

describe('affectedBy', () => {
  const basic = rec([{ package: pypi('Torch'), ranges: [eco({ introduced: '0' }, { fixed: '2.6.0' })] }]);

  it('treats introduced 0 as every version, pre-releases and dev releases included', () => {
    for (const v of ['0.dev0', '0a1', '1.0', '2.6.0rc1', '2.5.1']) expect(affectedBy(basic, 'torch', v).affected).toBe(true);
    expect(affectedBy(basic, 'torch', '2.6.0').affected).toBe(false);
    expect(affectedBy(basic, 'torch', '2.6.0.post1').affected).toBe(false);
  });

  it('reports the matched range with its events sorted', () => {
    const r = rec([{ package: pypi('x'), ranges: [eco({ fixed: '1.5' }, { introduced: '1.0' }, { fixed: '2.5' }, { introduced: '2.0' })] }]);
    const result = affectedBy(r, 'x', '2.1');
    expect(result).toMatchObject({ affected: true, via: 'range' });
    expect(result.events).toEqual([{ introduced: '1.0' }, { fixed: '1.5' }, { introduced: '2.0' }, { fixed: '2.5' }]);
    expect(affectedBy(r, 'x', '1.7').affected).toBe(false);
  });

  it('matches names per PEP 503 and only PyPI entries', () => {
    const r = rec([
      { package: { ecosystem: 'npm', name: 'zope.interface' }, ranges: [eco({ introduced: '0' })] },
      { package: pypi('Zope_Interface'), ranges: [eco({ introduced: '0' }, { fixed: '5.0' })] },
    ]);
    expect(affectedBy(r, 'zope-interface', '4.0').affected).toBe(true);
    expect(affectedBy(r, 'zope.interface', '5.1').affected).toBe(false);
    expect(affectedBy(r, 'other', '1.0').reason).toContain('does not name');
  });

  it('ignores withdrawn records', () => {
    const r = rec(basic.affected!, { withdrawn: '2024-02-02T00:00:00Z' });
    expect(affectedBy(r, 'torch', '1.0')).toMatchObject({ affected: false, reason: expect.stringContaining('withdrawn') });
    expect(fixedVersions(r, 'torch')).toEqual([]);
  });

  it('last_affected includes its version (and local builds of it); limit bounds the range', () => {
    const r = rec([{ package: pypi('x'), ranges: [eco({ introduced: '1.0' }, { last_affected: '1.4' })] }]);
    expect(affectedBy(r, 'x', '1.4').affected).toBe(true);
    expect(affectedBy(r, 'x', '1.4+cpu').affected).toBe(true);
    expect(affectedBy(r, 'x', '1.4.1').affected).toBe(false);
    const limited = rec([{ package: pypi('x'), ranges: [eco({ introduced: '1.0' }, { limit: '1.2' })] }]);
    expect(affectedBy(limited, 'x', '1.1.9').affected).toBe(true);
    expect(affectedBy(limited, 'x', '1.2').affected).toBe(false);
    const star = rec([{ package: pypi('x'), ranges: [eco({ introduced: '1.0' }, { limit: '*' })] }]);
    expect(affectedBy(star, 'x', '99').affected).toBe(true);
  });

  it('matches local versions by range with the full version and by list with the public version', () => {
    expect(affectedBy(basic, 'torch', '2.5.1+cu121').affected).toBe(true);
    expect(affectedBy(basic, 'torch', '2.6.0+cu124').affected).toBe(false);
    const listed = rec([{ package: pypi('torch'), versions: ['2.1.0'] }]);
    expect(affectedBy(listed, 'torch', '2.1.0+cu121')).toMatchObject({ affected: true, via: 'versions', listed: '2.1.0' });
    expect(affectedBy(listed, 'torch', '2.1')).toMatchObject({ affected: true, listed: '2.1.0' });
    const localBound = rec([{ package: pypi('torch'), ranges: [eco({ introduced: '0' }, { last_affected: '2.6.0+cu124' })] }]);
    expect(affectedBy(localBound, 'torch', '2.6.0+cu124').affected).toBe(true);
    expect(affectedBy(localBound, 'torch', '2.6.0+cu126').affected).toBe(false);
  });

  it('compares listed versions as PEP 440 versions, not as strings', () => {
    const listed = rec([{ package: pypi('x'), versions: ['1.0', '01.2.0', '2.0RC1', 'v3.0.post0', '1!0.5'] }]);
    for (const [version, match] of [['1.0.0', '1.0'], ['1.2', '01.2.0'], ['2.0rc1', '2.0RC1'], ['3.0.post0', 'v3.0.post0'], ['1!0.5.0', '1!0.5']]) {
      expect(affectedBy(listed, 'x', version!)).toMatchObject({ affected: true, via: 'versions', listed: match });
    }
    for (const version of ['1.0.1', '1.2.0.1', '2.0', '3.0', '0.5']) expect(affectedBy(listed, 'x', version).affected).toBe(false);
  });

  it('skips GIT ranges without stopping the others, and evaluates SEMVER with PEP 440 where versions parse', () => {
    const r = rec([{ package: pypi('x'), ranges: [
      { type: 'GIT', repo: 'https://github.com/o/x', events: [{ introduced: '0' }, { fixed: 'a'.repeat(40) }] },
      { type: 'SEMVER', events: [{ introduced: '1.0.0-beta.1' }, { fixed: '1.2.0' }] },
    ] }]);
    const result = affectedBy(r, 'x', '1.0.0rc1');
    expect(result).toMatchObject({ affected: true, via: 'range', skipped: [{ type: 'GIT' }] });
    expect(affectedBy(r, 'x', '1.0.0a1').affected).toBe(false);
  });

  it('reports invalid versions instead of throwing', () => {
    const r = rec([{ package: pypi('torch'), ranges: [eco({ introduced: '0' }, { last_affected: '2.6.0-cu124' })], versions: ['2.0-custom'] }]);
    const bad = affectedBy(r, 'torch', '2.7.0');
    expect(bad.invalid).toContainEqual({ value: '2.6.0-cu124', where: 'last_affected', error: expect.any(String) });
    // the invalid bound is left out, so the range is open: reported as affected, with the reason in `invalid`
    expect(bad.affected).toBe(true);
    const own = affectedBy(r, 'torch', 'not a version');
    expect(own).toMatchObject({ affected: false, invalid: expect.arrayContaining([expect.objectContaining({ where: 'package' })]) });
    expect(affectedBy(r, 'torch', '2.0-custom')).toMatchObject({ affected: true, via: 'versions' });
  });
});

describe('fixes', () => {
  const a = rec([{ package: pypi('x'), ranges: [eco({ introduced: '0' }, { fixed: '1.5' }, { introduced: '2.0' }, { fixed: '2.3' })] }]);
  const b = rec([{ package: pypi('x'), ranges: [eco({ introduced: '1.0' }, { fixed: '2.4rc1' }, { fixed: '1.6' })] }], { id: 'PYSEC-0000-2' });
  const c = rec([{ package: pypi('x'), ranges: [eco({ introduced: '0' }, { last_affected: '3.0' })] }], { id: 'PYSEC-0000-3' });

  it('lists fixed versions in PEP 440 order', () => {
    expect(fixedVersions(a, 'x')).toEqual(['1.5', '2.3']);
    expect(fixedVersions(b, 'x')).toEqual(['1.6', '2.4rc1']);
  });

  it('finds the smallest fixed version that clears every record, preferring final releases', () => {
    expect(smallestClearingVersion([a], 'x', '1.2')).toBe('1.5');
    expect(smallestClearingVersion([a, b], 'x', '1.2')).toBe('1.6');
    expect(smallestClearingVersion([a, b], 'x', '2.1')).toBe('2.3');
    expect(smallestClearingVersion([b], 'x', '2.1')).toBe('2.4rc1'); // no final release clears
    expect(smallestClearingVersion([a, c], 'x', '1.2')).toBeUndefined(); // no fix available
  });
});
