import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalVersion, sameRelease } from './canonical-version.js';
import { logicalLines, parseRequirementLine, splitPhysicalLines } from './requirement-lines.js';

describe('logicalLines', () => {
  it('joins continuations, strips comments and keeps the physical span', () => {
    const { lines } = splitPhysicalLines('a==1 \\\n  --hash=sha256:x  # why\n\n  # only a comment\nb>=2 # c\nc==3 \\\n');
    expect(logicalLines(lines)).toEqual([
      { first: 0, last: 1, indent: '', content: 'a==1   --hash=sha256:x', comment: '# why' },
      { first: 2, last: 2, indent: '', content: '' },
      { first: 3, last: 3, indent: '  ', content: '', comment: '# only a comment' },
      { first: 4, last: 4, indent: '', content: 'b>=2', comment: '# c' },
      { first: 5, last: 5, indent: '', content: 'c==3' },
    ]);
  });

  it('keeps # inside a URL fragment that has no space before it', () => {
    expect(logicalLines(['pkg @ https://h/p.whl#sha256=abc'])[0]!.content).toBe('pkg @ https://h/p.whl#sha256=abc');
  });

  it('covers every physical line exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a==1 \\', '  --hash=sha256:x', '# c', '', 'b', '  # c \\', 'c \\'), { maxLength: 30 }), (lines) => {
        const logical = logicalLines(lines);
        let next = 0;
        for (const line of logical) {
          expect(line.first).toBe(next);
          expect(line.last).toBeGreaterThanOrEqual(line.first);
          next = line.last + 1;
        }
        expect(next).toBe(lines.length);
      }),
    );
  });
});

describe('parseRequirementLine', () => {
  it.each([
    ['foo==1.0', { name: 'foo', pin: { operator: '==', version: '1.0' } }],
    ['Foo.Bar[x, y] == 2.0rc1 ; python_version < "3.9"', { name: 'Foo.Bar', requirement: 'Foo.Bar[x, y] == 2.0rc1 ; python_version < "3.9"', pin: { operator: '==', version: '2.0rc1' } }],
    ['foo===1.0-custom', { pin: { operator: '===', version: '1.0-custom' } }],
    ['foo (==1.0)', { pin: { operator: '==', version: '1.0' } }],
    ['foo==1.0 --hash=sha256:AA --hash sha256:bb --config-settings=a=b', { hashes: ['sha256:AA', 'sha256:bb'], options: ['--config-settings=a=b'] }],
  ])('%s', (line, expected) => {
    expect(parseRequirementLine(line)).toMatchObject(expected);
  });

  it.each(['foo==1.*', 'foo>=1', 'foo==1,<2', 'foo', 'foo~=1.0'])('%s is not pinned', (line) => {
    expect(parseRequirementLine(line)?.pin).toBeUndefined();
  });

  it('marks URL requirements and rejects paths and bare URLs', () => {
    expect(parseRequirementLine('foo @ https://h/foo-1.0.whl')).toMatchObject({ url: true });
    expect(parseRequirementLine('foo @ https://h/foo-1.0.whl')?.pin).toBeUndefined();
    for (const line of ['./local', '../x.whl', 'https://h/x.whl', '/abs/path', 'foo.whl', 'foo-1.0-py3-none-any.whl', 'foo-1.0.tar.gz ; python_version > "3"']) expect(parseRequirementLine(line)).toBeUndefined();
  });
});

describe('canonicalVersion', () => {
  it.each([
    ['1.0', '1'],
    ['1.0.0', '1'],
    ['v1.0', '1'],
    ['1.0-RC.1', '1rc1'],
    ['1.0alpha', '1a0'],
    ['1.0-1', '1.post1'],
    ['1.0.post', '1.post0'],
    ['1.0.dev', '1.dev0'],
    ['0!1.0+CU_118', '1+cu.118'],
    ['not-a-version', 'not-a-version'],
  ])('%s -> %s', (input, output) => {
    expect(canonicalVersion(input)).toBe(output);
  });

  it('matches pins as pip does', () => {
    expect(sameRelease('2.0', '2.0.0')).toBe(true);
    expect(sameRelease('2.0', '2.0.0+cu118')).toBe(true);
    expect(sameRelease('2.0+cpu', '2.0+cu118')).toBe(false);
    expect(sameRelease('2.0', '2.0.1')).toBe(false);
    expect(sameRelease('1.0-custom', '1.0-CUSTOM', true)).toBe(true);
    expect(sameRelease('1.0', '1.0.0', true)).toBe(false);
  });
});
