/**
 * A loopback fake of the OSV API (https://google.github.io/osv.dev/api/) for tests: `POST /v1/querybatch`
 * (package queries without a version, paginated with `next_page_token` / `page_token` as osv.dev does) and
 * `GET /v1/vulns/{id}`. Serves OSV records given in memory, read from a folder of `<ID>.json` files, or read
 * from an OSV zip (the bundled `data/osv/pypi-all.zip`, OSV's all.zip layout).
 * Faults can be injected per endpoint. Listens on 127.0.0.1, port 0; `close()` ends every connection and timer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { bufferSource } from '../../src/core/bytes.js';
import type { OsvRecord } from '../../src/core/osv.js';
import { normalizePythonName } from '../../src/core/python-metadata.js';
import { readZipMembers } from '../../src/sources/osv/store/index.js';

export type OsvFault =
  | { kind: 'status'; status: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'invalid-json' }
  | { kind: 'wrong-shape' }
  | { kind: 'huge'; bytes: number }
  /** For `vulns`: answer with another record than the one asked for. */
  | { kind: 'other-record'; id: string };

export interface OsvApiServerOptions {
  records?: readonly OsvRecord[];
  /** A folder of `<ID>.json` OSV records. */
  folder?: string;
  /** An OSV zip of `<ID>.json` members, such as the bundled `data/osv/pypi-all.zip`. */
  zip?: string;
  /** Vulnerabilities per querybatch page (osv.dev uses 1,000); small values exercise pagination. */
  pageSize?: number;
  /** When set, every page token the server hands out never ends (for the client's page limit). */
  endlessPaging?: boolean;
}

export interface RecordedOsvRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface OsvApiServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: RecordedOsvRequest[];
  /** Sets or clears a fault on `querybatch`, on `vulns` (every record) or on `vulns/<ID>`. */
  setFault(endpoint: 'querybatch' | 'vulns' | `vulns/${string}`, fault: OsvFault | undefined): void;
  close(): Promise<void>;
}

interface BatchQuery {
  package?: { ecosystem?: string; name?: string };
  page_token?: string;
}

export async function startOsvApiServer(options: OsvApiServerOptions = {}): Promise<OsvApiServer> {
  const records = new Map<string, OsvRecord>();
  for (const record of options.records ?? []) records.set(record.id, record);
  if (options.folder !== undefined) {
    for (const file of readdirSync(options.folder).filter((f) => f.endsWith('.json')).sort()) {
      const record = JSON.parse(readFileSync(join(options.folder, file), 'utf8')) as OsvRecord;
      records.set(record.id, record);
    }
  }
  if (options.zip !== undefined) {
    for (const member of readZipMembers(bufferSource(readFileSync(options.zip)))) {
      const record = JSON.parse(member.text) as OsvRecord;
      records.set(record.id, record);
    }
  }
  const byPackage = new Map<string, OsvRecord[]>();
  for (const record of records.values()) {
    const names = new Set((record.affected ?? []).filter((a) => a.package?.ecosystem === 'PyPI').map((a) => normalizePythonName(a.package!.name)));
    for (const name of names) byPackage.set(name, [...(byPackage.get(name) ?? []), record]);
  }
  const pageSize = options.pageSize ?? 1000;
  const faults = new Map<string, OsvFault>();
  const requests: RecordedOsvRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };

  const answer = (res: ServerResponse, fault: OsvFault | undefined, body: () => unknown): void => {
    if (fault?.kind === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, 200, JSON.stringify(body()));
      }, fault.delayMs);
      timers.add(timer);
      return;
    }
    if (fault?.kind === 'status') return send(res, fault.status, JSON.stringify({ code: fault.status, message: 'injected fault' }));
    if (fault?.kind === 'invalid-json') return send(res, 200, '{"results": [');
    if (fault?.kind === 'wrong-shape') return send(res, 200, JSON.stringify({ results: 'nope', id: 42 }));
    if (fault?.kind === 'huge') return send(res, 200, `{"pad":"${'x'.repeat(fault.bytes)}"}`);
    if (fault?.kind === 'other-record') return send(res, 200, JSON.stringify(records.get(fault.id)));
    send(res, 200, JSON.stringify(body()));
  };

  const queryBatch = (body: unknown): unknown => {
    const queries = ((body as { queries?: BatchQuery[] } | undefined)?.queries ?? []) as BatchQuery[];
    return {
      results: queries.map((query) => {
        if (query.package?.ecosystem !== 'PyPI' || typeof query.package.name !== 'string') return {};
        const all = byPackage.get(normalizePythonName(query.package.name)) ?? [];
        const offset = query.page_token === undefined ? 0 : Number(Buffer.from(query.page_token, 'base64url').toString('utf8'));
        const page = all.slice(offset, offset + pageSize).map((r) => ({ id: r.id, modified: r.modified }));
        const more = options.endlessPaging || offset + pageSize < all.length;
        const token = Buffer.from(String(offset + pageSize)).toString('base64url');
        if (page.length === 0 && !more) return {};
        return { ...(page.length > 0 ? { vulns: page } : {}), ...(more ? { next_page_token: token } : {}) };
      }),
    };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      return send(res, 400, JSON.stringify({ code: 3, message: 'invalid JSON' }));
    }
    requests.push({ method: req.method ?? 'GET', path, ...(body === undefined ? {} : { body }) });
    if (req.method === 'POST' && path === '/v1/querybatch') return answer(res, faults.get('querybatch'), () => queryBatch(body));
    const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && vuln) {
      const id = decodeURIComponent(vuln[1]!);
      const record = records.get(id);
      const fault = faults.get(`vulns/${id}`) ?? faults.get('vulns');
      if (record === undefined && fault === undefined) return send(res, 404, JSON.stringify({ code: 5, message: 'Bug not found.' }));
      return answer(res, fault, () => record);
    }
    send(res, 404, JSON.stringify({ code: 5, message: 'Not Found' }));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFault(endpoint, fault) {
      if (fault === undefined) faults.delete(endpoint);
      else faults.set(endpoint, fault);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
