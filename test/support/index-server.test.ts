import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_TYPE, startIndexServer, type IndexServer } from './index-server.js';

const WHEELS = join(import.meta.dirname, 'wheels');
let server: IndexServer;
beforeAll(async () => {
  server = await startIndexServer({ folder: WHEELS });
});
afterAll(() => server.close());

describe('the loopback index server', () => {
  it('lists projects as PEP 691 JSON and PEP 503 HTML', async () => {
    const json = await fetch(server.simpleUrl, { headers: { accept: JSON_TYPE } });
    expect(json.headers.get('content-type')).toBe(JSON_TYPE);
    expect(await json.json()).toMatchObject({ meta: { 'api-version': '1.1' }, projects: [{ name: 'aigis-demo-app' }, { name: 'aigis-demo-lib' }] });
    const html = await (await fetch(server.simpleUrl)).text();
    expect(html).toContain('<a href="/simple/aigis-demo-lib/">aigis-demo-lib</a>');
  });

  it('serves files whose bytes match the listed sha256, redirects unnormalized names and 404s the rest', async () => {
    const page = (await (await fetch(`${server.simpleUrl}aigis-demo-lib/`, { headers: { accept: JSON_TYPE } })).json()) as { files: { filename: string; url: string; hashes: { sha256: string } }[] };
    const wheel = page.files.find((f) => f.filename === 'aigis_demo_lib-1.0-py3-none-any.whl')!;
    const bytes = Buffer.from(await (await fetch(new URL(wheel.url, server.simpleUrl))).arrayBuffer());
    expect(bytes.equals(readFileSync(join(WHEELS, wheel.filename)))).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(wheel.hashes.sha256);
    const redirect = await fetch(`${server.simpleUrl}Aigis_Demo.Lib`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/simple/aigis-demo-lib/']);
    expect((await fetch(`${server.simpleUrl}nope/`)).status).toBe(404);
    expect((await fetch(`${server.origin}/files/nope.whl`)).status).toBe(404);
  });

  it('closes cleanly while a slow response is pending', async () => {
    const slow = await startIndexServer({ projects: { a: [] } });
    slow.setFault('a', { kind: 'slow', delayMs: 60_000 });
    const pending = fetch(`${slow.simpleUrl}a/`).then(() => 'answered', () => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await slow.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await pending).toBe('aborted');
  });
});
