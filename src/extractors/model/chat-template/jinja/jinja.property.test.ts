import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseTemplate, type TemplateAnalysisLimits } from './analyse.js';

const origin = { key: 'chat_template', rendered: true };
const limits: TemplateAnalysisLimits = { maxLength: 4096, maxTokens: 2000, maxDepth: 60, maxRecorded: 50 };
const SEED = "{% for m in messages %}{% if m['role'] == 'user' %}{{ '[INST] ' ~ m.content|trim ~ ' [/INST]' }}{% elif m.role is defined %}{{ m.content }}{% endif %}{% endfor %}{% set ns = namespace(a=[1, 2,], b={'k': (3,)}) %}{{ x[1:2]|join(', ') }}{# c #}";
const PIECES = ['{{', '}}', '{%', '%}', '{#', '#}', '-', '(', ')', '[', ']', '{', '}', "'", '"', '\\x5f', '|', '.', 'if ', 'for ', 'endfor', 'endif', ' is ', ' not ', '~', ',', ':', 'attr', '__class__', 'set ', '=', 'raw', 'endraw', ' ', 'x', '1'];

describe('Jinja lexer and parser on hostile input', () => {
  it('never throw on random text and record bounded facts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const facts = analyseTemplate(text, origin, limits);
        expect(facts.accesses.length).toBeLessThanOrEqual(limits.maxRecorded);
        expect(facts.calls.length + facts.filters.length + facts.globals.length).toBeLessThanOrEqual(3 * limits.maxRecorded);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throw on templates assembled from Jinja syntax pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (pieces) => {
        expect(() => analyseTemplate(pieces.join(''), origin, limits)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('never throw on mutations of a real template', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(), piece: fc.constantFrom(...PIECES), remove: fc.nat({ max: 3 }) }), { maxLength: 8 }), (edits) => {
        let text = SEED;
        for (const edit of edits) {
          const at = edit.at % (text.length + 1);
          text = text.slice(0, at) + edit.piece + text.slice(at + edit.remove);
        }
        expect(() => analyseTemplate(text, origin, limits)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('turn pathological nesting and long chains into a bounded result, not a stack overflow', () => {
    const deep = `{{ ${'('.repeat(5000)}x${')'.repeat(5000)} }}`;
    expect(analyseTemplate(deep, origin).truncated).toBe(true);
    const chain = `{{ ${Array.from({ length: 20000 }, (_, i) => `'a${i}'`).join(' ~ ')} }}`;
    const facts = analyseTemplate(chain, origin);
    expect(facts.parsed).toBe(true);
    const filters = `{{ x${'|trim'.repeat(20000)} }}`;
    expect(() => analyseTemplate(filters, origin)).not.toThrow();
    const sum = `{{ x[${Array.from({ length: 20000 }, (_, i) => `v${i}`).join(' + ')}] }}`;
    expect(() => analyseTemplate(sum, origin)).not.toThrow();
    const attrs = `{{ x${'.a'.repeat(50000)} }}`;
    expect(() => analyseTemplate(attrs, origin)).not.toThrow();
  });
});
