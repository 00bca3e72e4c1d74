import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../core/inventory.js';
import { analyseTemplate } from '../../extractors/model/chat-template/index.js';
import { modelComponent } from '../../extractors/model/model-file.js';
import { findTemplateRisks, MODEL_TEMPLATE_RULES, modelTemplateCheck } from './index.js';

function inventoryWith(key: string, template: string, rendered: boolean, foundBy = 'model/gguf'): Inventory {
  const templates = [analyseTemplate(template, { key, rendered })];
  const component = modelComponent('models/x.gguf', foundBy, { format: 'gguf', pickles: [], anomalies: [], templates });
  return { components: [component], relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 1 };
}

describe('model-template check', () => {
  it('returns nothing for an empty inventory and documents every rule', () => {
    expect(findTemplateRisks({ components: [], relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 0 })).toEqual([]);
    expect(modelTemplateCheck.requires).toEqual([]);
    for (const rule of MODEL_TEMPLATE_RULES) expect(rule.help.length).toBeGreaterThan(80);
  });

  it('judges templates whatever extractor recorded them, naming file and key', () => {
    const findings = findTemplateRisks(inventoryWith('tokenizer.chat_template.rag', "{{ lipsum.__globals__['os'].popen('id').read() }}", true));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['template-object-internals', 'critical'],
      ['template-dangerous-name', 'critical'],
    ]);
    expect(findings[0]).toMatchObject({ checkId: 'model-template', componentId: 'model:models/x.gguf', location: { path: 'models/x.gguf', member: 'tokenizer.chat_template.rag' } });
    expect(findings[0]?.message).toContain('models/x.gguf: template tokenizer.chat_template.rag');
    expect(findings[0]?.evidence['names']).toEqual(['.__globals__']);
  });

  it('keeps fingerprints stable when unrelated text moves the offsets', () => {
    const a = findTemplateRisks(inventoryWith('chat_template', '{{ x.__class__ }}', true));
    const b = findTemplateRisks(inventoryWith('chat_template', 'hello {{ y }} {{ x.__class__ }}', true));
    expect(a[0]?.fingerprint).toBe(b[0]?.fingerprint);
    expect(a[0]?.location?.offset).not.toBe(b[0]?.location?.offset);
  });

  it('reports a dangerous string under a key no loader renders as low, saying why', () => {
    const findings = findTemplateRisks(inventoryWith('deploy_script', "{{ __import__('os').system('x') }}", false, 'model/chat-template'));
    expect(findings.every((f) => f.ruleId === 'template-inert-payload' && f.severity === 'low')).toBe(true);
    expect(findings[0]?.message).toMatch(/does not run on load/);
  });
});
