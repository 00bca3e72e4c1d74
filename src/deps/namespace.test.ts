import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndexServer, type IndexServer } from '../../test/support/index-server.js';
import { createPackageIndex } from '../sources/index/index.js';
import { checkNamespace } from './namespace.js';

const WHEELS = join(import.meta.dirname, '../../test/support/wheels');
let json: IndexServer;
let html: IndexServer;
beforeAll(async () => {
  const projects = { 'acme-reserved': [] };
  json = await startIndexServer({ folder: WHEELS, projects });
  html = await startIndexServer({ folder: WHEELS, projects, format: 'html' });
});
afterAll(() => Promise.all([json.close(), html.close()]));

describe('checkNamespace', () => {
  it.each([
    ['JSON', () => json],
    ['HTML', () => html],
  ])('reports taken, free and glob names over %s', async (_label, get) => {
    const results = await checkNamespace(['Aigis_Demo_Lib', 'acme-internal', 'acme-*', 'aigis-demo-lib', 'acme-reserved'], createPackageIndex(get().simpleUrl));
    expect(results).toEqual([
      { name: 'Aigis_Demo_Lib', status: 'taken', taken: true, files: 4, versions: expect.arrayContaining(['1.0', '1.1']) },
      { name: 'acme-internal', status: 'free', taken: false, files: 0 },
      { name: 'acme-*', status: 'glob', taken: false, files: 0 },
      { name: 'acme-reserved', status: 'taken', taken: true, files: 0, versions: [] },
    ]);
    expect(results[0]!.versions).toHaveLength(2);
  });

  it('throws when the index fails', async () => {
    json.setFault('*', { kind: 'status', status: 502 });
    try {
      await expect(checkNamespace(['acme-internal'], createPackageIndex(json.simpleUrl))).rejects.toThrow(/502/);
    } finally {
      json.setFault('*', undefined);
    }
  });
});
