import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../../test/support/hub-server.js';
import { downloadTo, type DownloadOptions } from './download.js';
import { FetchError } from './errors.js';

const body = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 17) % 256));
let hub: HubServer;
let redirector: Server;
let redirectorUrl: string;

beforeAll(async () => {
  hub = await startHubServer({ repos: [], direct: { 'f.bin': body } });
  redirector = createServer((req, res) => {
    if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (req.url === '/creds') res.writeHead(302, { location: `http://user:pw@127.0.0.1:1/x` }).end();
    else if (req.url === '/ftp') res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end();
    else res.writeHead(302, { location: `${hub.url}/direct/f.bin` }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', () => resolve()));
  redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await hub.close();
  redirector.closeAllConnections();
  await new Promise((resolve) => redirector.close(resolve));
});

const options = (extra: Partial<DownloadOptions> = {}): DownloadOptions => ({ fetch, idleTimeoutMs: 2000, maxBytes: 1_000_000, expectedSize: body.length, ...extra });
const partialPath = () => join(mkdtempSync(join(tmpdir(), 'aigis-dl-')), 'f.part');

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected a FetchError');
}

describe('downloadTo', () => {
  it('resumes from a partial file left by an earlier run', async () => {
    const path = partialPath();
    writeFileSync(path, body.subarray(0, 12_345));
    const before = hub.requests.length;
    await downloadTo(new URL(`${hub.url}/direct/f.bin`), path, options());
    expect(readFileSync(path).equals(body)).toBe(true);
    expect(hub.requests.slice(before).map((r) => r.range)).toEqual(['bytes=12345-']);
  });

  it('starts over when the server ignores Range', async () => {
    const path = partialPath();
    writeFileSync(path, body.subarray(0, 1000));
    hub.setFault('f.bin', { kind: 'no-range' });
    await downloadTo(new URL(`${hub.url}/direct/f.bin`), path, options());
    hub.setFault('f.bin', undefined);
    expect(readFileSync(path).equals(body)).toBe(true);
  });

  it('keeps the partial file when the body keeps ending early, for the next run', async () => {
    const path = partialPath();
    hub.setFault('f.bin', { kind: 'truncate', times: 10 });
    const error = await failure(downloadTo(new URL(`${hub.url}/direct/f.bin`), path, options({ retries: 2 })));
    hub.setFault('f.bin', undefined);
    expect(error.reason).toBe('network');
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(statSync(path).size).toBeLessThan(body.length);
    await downloadTo(new URL(`${hub.url}/direct/f.bin`), path, options());
    expect(readFileSync(path).equals(body)).toBe(true);
  });

  it('gives up on a stalled server after the idle timeout', async () => {
    hub.setFault('f.bin', { kind: 'slow', delayMs: 400 });
    const error = await failure(downloadTo(new URL(`${hub.url}/direct/f.bin`), partialPath(), options({ idleTimeoutMs: 100, retries: 0 })));
    hub.setFault('f.bin', undefined);
    expect(['timeout', 'network']).toContain(error.reason);
  });

  it('follows a redirect, and refuses loops, credentials and other schemes', async () => {
    const path = partialPath();
    await downloadTo(new URL(`${redirectorUrl}/go`), path, options());
    expect(readFileSync(path).equals(body)).toBe(true);
    for (const route of ['loop', 'creds', 'ftp']) {
      expect((await failure(downloadTo(new URL(`${redirectorUrl}/${route}`), partialPath(), options()))).reason, route).toBe('redirect');
    }
  });

  it('refuses more bytes than allowed and removes them', async () => {
    const path = partialPath();
    expect((await failure(downloadTo(new URL(`${hub.url}/direct/f.bin`), path, options({ maxBytes: 100, expectedSize: undefined })))).reason).toBe('size-limit');
    expect(existsSync(path)).toBe(false);
    expect((await failure(downloadTo(new URL(`${hub.url}/direct/nope`), partialPath(), options()))).reason).toBe('not-found');
  });
});
