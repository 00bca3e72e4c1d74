import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { FileInput } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { severityRank } from '../../../core/severity.js';
import { judgeTemplate, modelTemplateCheck } from '../../../checks/model-template/index.js';
import { scan } from '../../../scan.js';
import { analyseTemplate, chatTemplateExtractor } from './index.js';
import { OFFLINE_SCAN } from '../../../../test/support/offline-scan.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const origin = { key: 'chat_template', rendered: true };

async function scanFixtures() {
  return scan({
    root: fixtures,
    targets: ['.'],
    extractors: [chatTemplateExtractor],
    checks: [modelTemplateCheck],
    ...OFFLINE_SCAN,
  });
}

function input(path: string, text: string): FileInput {
  const bytes = new TextEncoder().encode(text);
  return { path, size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings: { exists: () => false, list: () => [], open: () => undefined } };
}

describe('the Jinja parser agrees with jinja2 on what compiles', () => {
  const cases = JSON.parse(readFileSync(`${fixtures}syntax/cases.json`, 'utf8')) as { template: string; jinja2: boolean }[];
  it.each(cases.map((c) => [c.template, c.jinja2] as const))('%s -> %s', (template, expected) => {
    const facts = analyseTemplate(template, origin);
    expect(facts.truncated).toBe(false);
    expect(facts.parsed, facts.parseError?.message).toBe(expected);
  });
});

describe('model/chat-template on its fixtures', async () => {
  const report = await scanFixtures();
  const components = report.inventory.components;
  const findingsOf = (path: string) => report.findings.filter((f) => f.location?.path === path);

  it('reads real-world templates from every place they are kept, and finds them clean', () => {
    const benign = components.filter((c) => c.name.startsWith('benign/'));
    expect(benign.length).toBeGreaterThanOrEqual(14);
    for (const component of benign) {
      const templates = component.metadata.type === 'model-file' ? (component.metadata.templates ?? []) : [];
      expect(templates.length, component.name).toBeGreaterThan(0);
      for (const template of templates) {
        expect(template.parsed, `${component.name} ${template.parseError?.message ?? ''}`).toBe(true);
        expect(judgeTemplate(template), component.name).toEqual([]);
      }
    }
    expect(report.findings.filter((f) => f.location?.path.startsWith('benign/'))).toEqual([]);
  });

  it('claims only files that hold templates', () => {
    const names = components.map((c) => c.name);
    expect(names).not.toContain('benign/plain/config.json');
    expect(names).not.toContain('benign/plain/README.template');
    expect(names).toContain('benign/serving/vllm-config.yaml');
  });

  it('uses its own component ids, so that a hub-config extractor reading the same file does not collide', () => {
    expect(components.every((c) => c.id.startsWith('chat-template:'))).toBe(true);
  });

  it('records named templates of a transformers list', () => {
    const hermes = components.find((c) => c.name === 'benign/hermes-2-pro/tokenizer_config.json');
    const keys = hermes?.metadata.type === 'model-file' ? hermes.metadata.templates?.map((t) => t.origin.key) : [];
    expect(keys).toEqual(['chat_template[default]', 'chat_template[tool_use]']);
  });

  it.each([
    ['malicious/cve-2024-34359/tokenizer_config.json', 'template-object-internals'],
    ['malicious/hex-escapes.jinja', 'template-object-internals'],
    ['malicious/concatenation.j2', 'template-object-internals'],
    ['malicious/reversed.template', 'template-object-internals'],
    ['malicious/joined.jinja', 'template-object-internals'],
    ['malicious/percent-format.jinja', 'template-object-internals'],
    ['malicious/template-reference.jinja', 'template-object-internals'],
    ['malicious/lipsum.json', 'template-dangerous-name'],
    ['malicious/map-attr.jinja', 'template-object-internals'],
    ['malicious/named-variant/tokenizer_config.json', 'template-object-internals'],
    ['malicious/serving.yaml', 'template-object-internals'],
    ['malicious/attr-variable.jinja', 'template-computed-name'],
  ])('%s is reported (%s)', (path, ruleId) => {
    const findings = findingsOf(path);
    expect(findings.map((f) => f.ruleId)).toContain(ruleId);
    expect(Math.max(...findings.map((f) => severityRank(f.severity)))).toBeGreaterThanOrEqual(severityRank('high'));
    for (const finding of findings) {
      expect(finding.message).toContain(path);
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('says when a dangerous name was spelled with escapes, and where the template sits', () => {
    const hex = findingsOf('malicious/hex-escapes.jinja').find((f) => f.ruleId === 'template-object-internals');
    expect(hex?.evidence['obfuscated']).toBe(true);
    expect(hex?.evidence['names']).toContain("|attr('__class__') (spelled obfuscated)");
    const rag = findingsOf('malicious/named-variant/tokenizer_config.json');
    expect(rag.every((f) => f.location?.member === 'chat_template[rag]')).toBe(true);
  });
});

describe('model/chat-template on single inputs', () => {
  it('leaves JSON without a template key unclaimed, and reports invalid template configs', () => {
    expect(chatTemplateExtractor.extract(input('a.json', '{"a": "{{ x }}"}'), { limits: DEFAULT_LIMITS }).components).toEqual([]);
    const broken = chatTemplateExtractor.extract(input('tokenizer_config.json', '{"chat_template": "{{ x }}",'), { limits: DEFAULT_LIMITS });
    expect(broken.components).toEqual([]);
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['TEMPLATE_CONFIG_INVALID']);
  });

  it('finds a chat_template key after the first 64 KiB', () => {
    const filler = 'x'.repeat(70_000);
    const text = JSON.stringify({ added_tokens_decoder: filler, chat_template: '{{ cycler.__init__ }}' });
    const result = chatTemplateExtractor.extract(input('tokenizer_config.json', text), { limits: DEFAULT_LIMITS });
    const templates = result.components[0]?.metadata.type === 'model-file' ? result.components[0].metadata.templates : undefined;
    expect(templates?.[0]?.accesses.map((a) => a.name)).toContain('__init__');
  });

  it('records what a template reads, calls and filters', () => {
    const facts = analyseTemplate("{% set ns = namespace(x=1) %}{{ messages[0]['content']|trim|tojson }}{{ raise_exception('no') }}{{ tool.function.name }}", origin);
    expect(facts.globals).toEqual(expect.arrayContaining(['namespace', 'messages', 'raise_exception', 'tool']));
    expect(facts.filters.sort()).toEqual(['tojson', 'trim']);
    expect(facts.calls).toEqual(expect.arrayContaining(['namespace', 'raise_exception']));
    expect(facts.accesses.map((a) => a.name)).toEqual(expect.arrayContaining(['content', 'function', 'name']));
    expect(judgeTemplate(facts)).toEqual([]);
  });

  it('folds getattr, .format and chr() spellings', () => {
    const names = (t: string) => analyseTemplate(t, origin).accesses.map((a) => a.name);
    expect(names("{{ getattr(x, '__cl' + 'ass__') }}")).toContain('__class__');
    expect(names("{{ x['{}{}'.format('__glo', 'bals__')] }}")).toContain('__globals__');
    expect(names("{{ x[''.join([chr(95), chr(95), 'dict', chr(95), chr(95)])] }}")).toContain('__dict__');
    expect(names("{{ x['\\137\\137init\\137\\137'] }}")).toContain('__init__');
  });

  it('treats a plain attribute named class as data, and request/config as server objects', () => {
    expect(judgeTemplate(analyseTemplate('{{ message.class }}{{ message["class"] }}', origin))).toEqual([]);
    expect(judgeTemplate(analyseTemplate('{{ request.args }}', origin)).map((i) => i.ruleId)).toEqual(['template-server-object']);
    expect(judgeTemplate(analyseTemplate('{{ x[a ~ b] }}', origin)).map((i) => i.ruleId)).toEqual(['template-computed-name']);
    expect(judgeTemplate(analyseTemplate('{{ messages[i] }}{{ messages[loop.index0 - 1] }}', origin))).toEqual([]);
  });

  it('records a template that does not compile as such, without other verdicts', () => {
    const facts = analyseTemplate('{{ unclosed', origin);
    expect(facts.parsed).toBe(false);
    expect(judgeTemplate(facts).map((i) => [i.ruleId])).toEqual([['template-syntax-error']]);
  });

  it('stops at the length bound and says so', () => {
    const facts = analyseTemplate('{{ x }}'.repeat(100), origin, { maxLength: 50, maxTokens: 1000, maxDepth: 50, maxRecorded: 10 });
    expect(facts.truncated).toBe(true);
    expect(judgeTemplate(facts).map((i) => i.ruleId)).toEqual(['template-analysis-limit']);
  });
});
