import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { cardFrom, parseFrontMatter, parseModelConfig } from './model-card.js';

describe('model card facts', () => {
  it('reads the fields a Hub README and config.json give, in either single or list form', () => {
    const front = parseFrontMatter('---\nlicense: mit\ndatasets: imdb\nbase_model: [a/b, c/d]\npipeline_tag: fill-mask\nlanguage:\n  - en\n  - fr\nlibrary_name: transformers\n---\n# Card\n');
    const config = parseModelConfig('{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2","n_layer":12}');
    expect(cardFrom(config, front)).toEqual({
      architectures: ['GPT2LMHeadModel'], modelType: 'gpt2', task: 'fill-mask', license: 'mit',
      datasets: ['imdb'], baseModels: ['a/b', 'c/d'], languages: ['en', 'fr'], tags: [], libraryName: 'transformers',
    });
  });

  it('ignores what is not front matter, not plain YAML data, or of the wrong shape', () => {
    expect(parseFrontMatter('# no front matter\n---\nlicense: mit\n---\n')).toBeUndefined();
    expect(parseFrontMatter('---\nlicense: !!js/function "function(){}"\n---\n')).toBeUndefined();
    expect(parseFrontMatter('---\n[unclosed\n---\n')).toBeUndefined();
    expect(parseFrontMatter('---\nlicense: {a: 1}\ndatasets: [1, {x: 2}, ok]\n---\n')).toEqual({ datasets: ['ok'] });
    expect(parseModelConfig('not json')).toBeUndefined();
    expect(parseModelConfig('[1,2]')).toBeUndefined();
    expect(parseModelConfig('{"architectures": "Bert", "model_type": 7}')).toEqual({ architectures: ['Bert'] });
  });

  it('never throws and keeps every list and string bounded on arbitrary front matter', () => {
    const value = fc.oneof(fc.string({ maxLength: 300 }), fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.integer()), { maxLength: 80 }), fc.integer());
    const keys = fc.constantFrom('license', 'datasets', 'base_model', 'pipeline_tag', 'language', 'tags', 'library_name', 'other');
    fc.assert(
      fc.property(fc.dictionary(keys, value), fc.string({ maxLength: 200 }), (data, noise) => {
        for (const text of [`---\n${dump(data)}---\n${noise}`, `---\n${noise}\n---\n`, noise]) {
          const front = parseFrontMatter(text);
          if (!front) continue;
          const card = cardFrom(undefined, front);
          for (const list of [card.datasets, card.baseModels, card.languages, card.tags]) {
            expect(list.length).toBeLessThanOrEqual(50);
            for (const item of list) expect(item.length).toBeLessThanOrEqual(200);
          }
        }
      }),
    );
  });

  it('never throws on arbitrary config.json text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      const config = parseModelConfig(text);
      if (config?.architectures) expect(config.architectures.length).toBeLessThanOrEqual(50);
    }));
  });
});
