import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeTemplate } from '../../../checks/model-template/index.js';
import { bufferSource } from '../../../core/bytes.js';
import type { FileInput } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { ggufExtractor, parseGguf } from './index.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const bytesOf = (name: string) => new Uint8Array(readFileSync(`${fixtures}${name}`));

function extract(name: string): ModelFileMetadata {
  const bytes = bytesOf(name);
  const file: FileInput = { path: name, size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings: { exists: () => false, list: () => [], open: () => undefined } };
  const metadata = ggufExtractor.extract(file, { limits: DEFAULT_LIMITS }).components[0]?.metadata;
  if (metadata?.type !== 'model-file') throw new Error('no model component');
  return metadata;
}

describe('model/gguf', () => {
  it.each(['tiny-llama3.gguf', 'version1.gguf', 'big-endian.gguf'])('reads %s: counts, architecture, name and the chat template', (name) => {
    const metadata = extract(name);
    expect(metadata.format).toBe('gguf');
    expect(metadata.anomalies).toEqual([]);
    expect(metadata.gguf).toMatchObject({ tensorCount: 2, metadataCount: 18, architecture: 'llama', name: 'tiny-test', alignment: 32, tensorsRead: 2, templateKeys: ['tokenizer.chat_template'] });
    expect(metadata.gguf?.version).toBe(name === 'version1.gguf' ? 1 : 3);
    expect(metadata.gguf?.endianness).toBe(name === 'big-endian.gguf' ? 'big' : 'little');
    expect(metadata.templates?.[0]?.parsed).toBe(true);
    expect(judgeTemplate(metadata.templates![0]!)).toEqual([]);
  });

  it('records every named chat template variant, all clean', () => {
    const metadata = extract('named-templates.gguf');
    expect(metadata.gguf?.templateKeys).toEqual(['tokenizer.chat_template', 'tokenizer.chat_template.tool_use', 'tokenizer.chat_template.rag']);
    expect(metadata.templates?.map((t) => t.origin)).toEqual(metadata.gguf?.templateKeys.map((key) => ({ key, rendered: true })));
    for (const template of metadata.templates ?? []) expect(judgeTemplate(template)).toEqual([]);
  });

  it('sizes quantized tensors by their ggml block size', () => {
    expect(extract('quantized.gguf').anomalies).toEqual([]);
  });

  it.each([
    ['malicious-template.gguf', 'tokenizer.chat_template'],
    ['malicious-named-variant.gguf', 'tokenizer.chat_template.tool_use'],
  ])('analyses the template of %s as dangerous', (name, key) => {
    const template = extract(name).templates?.find((t) => t.origin.key === key);
    expect(judgeTemplate(template!).map((i) => i.ruleId)).toContain('template-object-internals');
  });

  it('reports misaligned, overlapping and out-of-file tensors as malformed', () => {
    const messages = extract('bad-layout.gguf').anomalies.map((a) => `${a.kind}: ${a.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      'malformed: tensor b data offset 100 is not a multiple of the alignment 32',
      expect.stringMatching(/^malformed: tensor d data \[4096, 4352\) runs past the end of the file$/),
      'malformed: tensor c overlaps tensor b',
    ]));
  });

  it('reports a truncated header without throwing, and says so as a diagnostic', () => {
    const metadata = extract('truncated.gguf');
    expect(metadata.anomalies.map((a) => a.kind)).toEqual(['malformed']);
    expect(metadata.gguf?.tensorsRead).toBe(0);
    const bytes = bytesOf('truncated.gguf');
    const result = ggufExtractor.extract({ path: 't.gguf', size: bytes.length, head: bytes, source: bufferSource(bytes), siblings: { exists: () => false, list: () => [], open: () => undefined } }, { limits: DEFAULT_LIMITS });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['CONTAINER_MALFORMED']);
  });

  it('rejects counts that cannot fit the file before reading them', () => {
    const bytes = new Uint8Array(24);
    bytes.set([0x47, 0x47, 0x55, 0x46, 3, 0, 0, 0]);
    new DataView(bytes.buffer).setBigUint64(8, 1n << 40n, true);
    expect(parseGguf(bufferSource(bytes)).anomalies[0]?.message).toMatch(/tensor count \d+ does not fit the file/);
  });

  it('never reads tensor data: a 5 GB file is parsed from its header', () => {
    const header = bytesOf('tiny-llama3.gguf');
    const size = 5 * 1024 ** 3;
    let furthest = 0;
    const source = { size, read: (offset: number, length: number) => {
      furthest = Math.max(furthest, Math.min(size, offset + length));
      return header.subarray(Math.min(offset, header.length), Math.min(header.length, offset + length));
    } };
    const scan = parseGguf(source);
    expect(scan.facts?.tensorsRead).toBe(2);
    expect(furthest).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('sniffs the magic, and only the magic', () => {
    expect(ggufExtractor.sniff?.({ head: bytesOf('tiny-llama3.gguf'), tail: new Uint8Array(0), size: 1 })).toBe(true);
    expect(ggufExtractor.sniff?.({ head: new TextEncoder().encode('GGML0000'), tail: new Uint8Array(0), size: 8 })).toBe(false);
  });
});
