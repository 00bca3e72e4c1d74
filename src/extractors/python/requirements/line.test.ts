import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePythonName } from '../../../core/python-metadata.js';
import { extractRequirements, REQUIREMENTS_LIMITS } from './parse.js';
import { parseRequirementsLine } from './line.js';
import { preprocessRequirements } from './lines.js';
import { breakArgsOptions, parseOptions, shlexSplit } from './options.js';
import { memoryTree } from './__fixtures__/memory-tree.js';

describe('preprocessRequirements (pip join_lines, ignore_comments)', () => {
  it('joins continuations onto the first line and strips comments only after whitespace', () => {
    const text = 'a==1 \\\n  --hash=sha256:aa \\\n  --hash=sha256:bb\n# comment\nb#notcomment\nc  # comment\n\n  \nd \\\n# ends the continuation\ne\\';
    expect(preprocessRequirements(text, 100).lines).toEqual([
      { line: 1, text: 'a==1   --hash=sha256:aa   --hash=sha256:bb' },
      { line: 5, text: 'b#notcomment' },
      { line: 6, text: 'c' },
      { line: 9, text: 'd' },
      { line: 11, text: 'e' },
    ]);
  });

  it('handles CRLF and stops at the line limit', () => {
    expect(preprocessRequirements('a\r\nb\r\n', 100).lines.map((l) => l.line)).toEqual([1, 2]);
    expect(preprocessRequirements('a\nb\nc\n', 2)).toMatchObject({ truncated: true, lines: [{ text: 'a' }, { text: 'b' }] });
  });
});

describe('options like pip (break_args_options, shlex, optparse)', () => {
  it('splits args from options at the first token starting with -', () => {
    expect(breakArgsOptions('foo ; python_version < "3.8" --hash=sha256:x')).toEqual({ args: 'foo ; python_version < "3.8"', options: '--hash=sha256:x' });
    expect(breakArgsOptions('-r other.txt')).toEqual({ args: '', options: '-r other.txt' });
  });

  it('reads short, long, attached, = and abbreviated forms', () => {
    const { options, errors } = parseOptions(shlexSplit('-ihttps://a/simple --extra-index https://b --no-index -r x.txt --trusted-host=h --pre').tokens);
    expect(errors).toEqual([]);
    expect(options.map((o) => [o.dest, o.value])).toEqual([
      ['index-url', 'https://a/simple'],
      ['extra-index-url', 'https://b'],
      ['no-index', undefined],
      ['requirement', 'x.txt'],
      ['trusted-host', 'h'],
      ['pre', undefined],
    ]);
    expect(parseOptions(['--no']).errors[0]).toMatch(/ambiguous/);
    expect(parseOptions(['--index-url']).errors[0]).toMatch(/requires 1 argument/);
    expect(parseOptions(['-x']).errors[0]).toMatch(/no such option/);
  });

  it('splits quoted values like shlex', () => {
    expect(shlexSplit(`--global-option="a b" --config-settings='k=v w' x\\ y`).tokens).toEqual(['--global-option=a b', '--config-settings=k=v w', 'x y']);
    expect(shlexSplit('"open').error).toBe('No closing quotation');
  });
});

describe('parseRequirementsLine', () => {
  it('reads per-requirement options and ignores file options on a requirement line', () => {
    const line = parseRequirementsLine('foo==1.0 --hash=sha256:' + 'a'.repeat(64) + ' --config-settings=x=y --index-url https://x');
    expect(line.requirement?.hashes).toEqual([{ alg: 'sha256', value: 'a'.repeat(64) }]);
    expect(line.fileOptions).toEqual([]);
    expect(line.problems.map((p) => p.code)).toEqual(['REQUIREMENTS_OPTION_IGNORED']);
  });

  it('reads bare URLs with "; " markers and sdist names', () => {
    const line = parseRequirementsLine('https://example.com/dl/foo_bar-2.0.tar.gz#sha256=' + 'b'.repeat(64) + '; python_version > "3"');
    expect(line.requirement?.declaration).toMatchObject({ name: 'foo_bar', named: true, fileVersion: '2.0', marker: 'python_version > "3"', urlHashes: [{ alg: 'sha256' }] });
  });

  it('reads VCS refs after the host, not in user info', () => {
    const sha = 'c'.repeat(40);
    const line = parseRequirementsLine(`pkg @ git+ssh://git@github.com/org/pkg.git@${sha}`);
    expect(line.requirement?.declaration.vcs).toEqual({ type: 'git', url: 'ssh://git@github.com/org/pkg.git', ref: sha, immutable: true });
    const unpinned = parseRequirementsLine('git+ssh://git@github.com/org/pkg.git#egg=pkg').requirement?.declaration.vcs;
    expect(unpinned).toEqual({ type: 'git', url: 'ssh://git@github.com/org/pkg.git', immutable: false });
  });
});

describe('parseRequirementsLine properties', () => {
  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{0,15}[A-Za-z0-9]$/);
  const version = fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/);
  const hex = fc.stringMatching(/^[0-9a-f]{64}$/);

  it('never throws on any text and reports problems instead', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const line = parseRequirementsLine(text);
        expect(Array.isArray(line.problems)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips names, pins and hashes', () => {
    fc.assert(
      fc.property(name, version, fc.array(hex, { maxLength: 3 }), (n, v, hashes) => {
        const text = `${n}==${v}${hashes.map((h) => ` --hash=sha256:${h}`).join('')}`;
        const line = parseRequirementsLine(text);
        expect(line.problems).toEqual([]);
        expect(line.requirement?.declaration).toMatchObject({ name: n, specifier: `==${v}` });
        expect(line.requirement?.hashes.map((h) => h.value)).toEqual(hashes);
      }),
    );
  });

  it('never throws on whole files of random lines, and every component names a real line', () => {
    const lineArb = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('-r x.txt', '-c y.txt', '\\', '# c', '-e .', '--hash=sha256:0'));
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const tree = memoryTree({ 'requirements.txt': text, 'x.txt': text, 'y.txt': '-r requirements.txt' });
        const result = extractRequirements(tree.open('requirements.txt'));
        for (const c of result.components) {
          const line = c.locations[0]!.line;
          if (line !== undefined) expect(line).toBeLessThanOrEqual(lines.length);
          if (c.metadata.type === 'python-package') expect(c.id).toBe(`python:${c.locations[0]!.path}#${line}:${c.metadata.normalizedName}`);
          if (c.metadata.type === 'python-package' && c.metadata.normalizedName) expect(c.metadata.normalizedName).toBe(normalizePythonName(c.name));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('bounds', () => {
  it('refuses a file over the byte limit with a diagnostic', () => {
    const tree = memoryTree({ 'requirements.txt': 'a==1\n'.repeat(100) });
    const result = extractRequirements(tree.open('requirements.txt'), { ...REQUIREMENTS_LIMITS, maxBytes: 100 });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'REQUIREMENTS_TOO_LARGE', path: 'requirements.txt' })]);
  });

  it('reads an include diamond bomb once per file', () => {
    const files: Record<string, string> = { 'requirements.txt': '-r f0.txt\n-r f0.txt\n' };
    for (let i = 0; i < 40; i++) files[`f${i}.txt`] = `-r f${i + 1}.txt\n-r f${i + 1}.txt\npkg${i}==1\n`;
    files['f40.txt'] = 'leaf==1\n';
    const result = extractRequirements(memoryTree(files).open('requirements.txt'));
    const names = result.components.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['REQUIREMENTS_INCLUDE_LIMIT']);
  });

  it('reads a file that is not UTF-8 as latin-1 with a warning', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('caf'), 0xe9, ...new TextEncoder().encode('==1.0\n')]);
    const result = extractRequirements(memoryTree({ 'requirements.txt': bytes }).open('requirements.txt'));
    expect(result.diagnostics.map((d) => d.code)).toContain('REQUIREMENTS_ENCODING');
  });
});
