/**
 * A loopback PEP 503 (HTML) / PEP 691 (JSON) simple index for tests: `/simple/` lists the projects,
 * `/simple/<name>/` lists a project's files (JSON when the client asks for
 * `application/vnd.pypi.simple.v1+json`, HTML otherwise) and `/files/<filename>` serves the bytes.
 * Built from a folder of real wheels and sdists (hashed here) and/or an in-memory description. Faults can be
 * injected per project. Listens on 127.0.0.1, port 0; `close()` ends every connection and timer.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { normalizePythonName } from '../../src/core/python-metadata.js';
import { parseDistributionFilename } from '../../src/sources/wheelhouse/filename.js';

export const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';

export interface ServedFile {
  filename: string;
  /** The file's bytes; when absent the file is listed but `/files/` answers 404. */
  bytes?: Uint8Array;
  /** Defaults to the sha256 of `bytes`; `null` lists the file without any hash. */
  sha256?: string | null;
  requiresPython?: string;
  yanked?: boolean | string;
}

export type IndexFault =
  | { kind: 'status'; status: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'huge'; bytes: number }
  | { kind: 'invalid-json' }
  | { kind: 'wrong-shape' }
  | { kind: 'redirect'; location: string; status?: number };

export interface IndexServerOptions {
  /** A folder of `.whl`, `.tar.gz` and `.zip` files, grouped into projects by file name. */
  folder?: string;
  /** Projects described in memory: display name -> files. Merged with the folder's. */
  projects?: Record<string, ServedFile[]>;
  /** `html` answers HTML whatever the client accepts, like a PEP 503-only index. Default `negotiate`. */
  format?: 'negotiate' | 'html';
}

export interface RecordedRequest {
  path: string;
  accept: string;
  authorization?: string;
}

export interface IndexServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `http://127.0.0.1:<port>/simple/` */
  readonly simpleUrl: string;
  readonly requests: RecordedRequest[];
  /** Sets or (with undefined) clears a fault for one project (normalized name) or `*` for every page. */
  setFault(project: string, fault: IndexFault | undefined): void;
  /** The files the server lists for a project, with their sha256. */
  files(project: string): { filename: string; sha256: string | null }[];
  close(): Promise<void>;
}

interface Project {
  name: string;
  files: ServedFile[];
}

export async function startIndexServer(options: IndexServerOptions = {}): Promise<IndexServer> {
  const projects = collect(options);
  const faults = new Map<string, IndexFault>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({
      path: request.url ?? '',
      accept: request.headers.accept ?? '',
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    });
    handle(request, response, { projects, faults, timers, format: options.format ?? 'negotiate' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    simpleUrl: `${origin}/simple/`,
    requests,
    setFault(project, fault) {
      const key = project === '*' ? '*' : normalizePythonName(project);
      if (fault === undefined) faults.delete(key);
      else faults.set(key, fault);
    },
    files(project) {
      return (projects.get(normalizePythonName(project))?.files ?? []).map((file) => ({ filename: file.filename, sha256: digestOf(file) }));
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function collect(options: IndexServerOptions): Map<string, Project> {
  const projects = new Map<string, Project>();
  const add = (name: string, file: ServedFile): void => {
    const key = normalizePythonName(name);
    const project = projects.get(key) ?? { name, files: [] };
    project.files.push(file);
    projects.set(key, project);
  };
  if (options.folder !== undefined) {
    for (const filename of readdirSync(options.folder).sort()) {
      const parsed = parseDistributionFilename(filename);
      if (parsed === undefined) continue;
      add(parsed.normalizedName, { filename, bytes: readFileSync(join(options.folder, filename)), requiresPython: '>=3.8' });
    }
  }
  for (const [name, files] of Object.entries(options.projects ?? {})) {
    const key = normalizePythonName(name);
    if (!projects.has(key)) projects.set(key, { name, files: [] });
    for (const file of files) add(name, file);
  }
  return projects;
}

function digestOf(file: ServedFile): string | null {
  if (file.sha256 !== undefined) return file.sha256;
  return file.bytes === undefined ? null : createHash('sha256').update(file.bytes).digest('hex');
}

interface Context {
  projects: Map<string, Project>;
  faults: Map<string, IndexFault>;
  timers: Set<NodeJS.Timeout>;
  format: 'negotiate' | 'html';
}

function handle(request: IncomingMessage, response: ServerResponse, context: Context): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const wantsJson = context.format === 'negotiate' && (request.headers.accept ?? '').includes(JSON_TYPE);
  const projectMatch = /^\/simple\/([^/]+)\/?$/.exec(path);
  const key = projectMatch ? normalizePythonName(decodeURIComponent(projectMatch[1]!)) : '';
  const fault = context.faults.get(key) ?? context.faults.get('*');
  if (fault !== undefined && path.startsWith('/simple/') && applyFault(fault, response, context, wantsJson)) return;
  if (path === '/simple/' || path === '/simple') return sendRoot(response, context, wantsJson);
  if (projectMatch) {
    const project = context.projects.get(key);
    if (project === undefined) return send(response, 404, 'text/plain', 'not found');
    if (projectMatch[1] !== key || !path.endsWith('/')) return redirect(response, 301, `/simple/${key}/`);
    return wantsJson ? sendJson(response, project) : sendHtml(response, project);
  }
  const fileMatch = /^\/files\/([^/]+)$/.exec(path);
  if (fileMatch) {
    const filename = decodeURIComponent(fileMatch[1]!);
    for (const project of context.projects.values()) {
      const file = project.files.find((candidate) => candidate.filename === filename);
      if (file?.bytes) return send(response, 200, 'application/octet-stream', file.bytes);
    }
  }
  send(response, 404, 'text/plain', 'not found');
}

/** True when the fault answered the request. */
function applyFault(fault: IndexFault, response: ServerResponse, context: Context, wantsJson: boolean): boolean {
  switch (fault.kind) {
    case 'status':
      send(response, fault.status, 'text/plain', `status ${fault.status}`);
      return true;
    case 'slow': {
      const timer = setTimeout(() => {
        context.timers.delete(timer);
        send(response, 200, wantsJson ? JSON_TYPE : 'text/html', wantsJson ? '{}' : '<html></html>');
      }, fault.delayMs);
      context.timers.add(timer);
      return true;
    }
    case 'huge':
      sendHuge(response, fault.bytes, wantsJson);
      return true;
    case 'invalid-json':
      send(response, 200, JSON_TYPE, '{"meta": {"api-version": "1.1"}, "name": "x", "files": [');
      return true;
    case 'wrong-shape':
      send(response, 200, JSON_TYPE, JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'x', files: [{ filename: 3 }] }));
      return true;
    case 'redirect':
      redirect(response, fault.status ?? 302, fault.location);
      return true;
  }
}

function sendHuge(response: ServerResponse, total: number, wantsJson: boolean): void {
  response.writeHead(200, { 'content-type': wantsJson ? JSON_TYPE : 'text/html' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !response.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  response.on('close', () => response.removeAllListeners('drain'));
  pump();
}

function sendRoot(response: ServerResponse, context: Context, wantsJson: boolean): void {
  const names = [...context.projects.keys()].sort();
  if (wantsJson) {
    send(response, 200, JSON_TYPE, JSON.stringify({ meta: { 'api-version': '1.1', '_last-serial': 1 }, projects: names.map((name) => ({ name })) }));
    return;
  }
  const links = names.map((name) => `    <a href="/simple/${name}/">${name}</a><br/>`).join('\n');
  send(response, 200, 'text/html', `<!DOCTYPE html>\n<html>\n  <head><meta name="pypi:repository-version" content="1.1"><title>Simple index</title></head>\n  <body>\n${links}\n  </body>\n</html>\n`);
}

function sendJson(response: ServerResponse, project: Project): void {
  const files = project.files.map((file) => {
    const digest = digestOf(file);
    return {
      filename: file.filename,
      url: `/files/${encodeURIComponent(file.filename)}`,
      hashes: digest === null ? {} : { sha256: digest },
      ...(file.requiresPython ? { 'requires-python': file.requiresPython } : {}),
      yanked: file.yanked ?? false,
      ...(file.bytes ? { size: file.bytes.length } : {}),
    };
  });
  const versions = [...new Set(project.files.map((file) => parseDistributionFilename(file.filename, project.name)?.version).filter((v): v is string => v !== undefined))];
  send(response, 200, JSON_TYPE, JSON.stringify({ meta: { 'api-version': '1.1' }, name: normalizePythonName(project.name), versions, files }));
}

function sendHtml(response: ServerResponse, project: Project): void {
  const links = project.files.map((file) => {
    const digest = digestOf(file);
    const href = `../../files/${encodeURIComponent(file.filename)}${digest === null ? '' : `#sha256=${digest}`}`;
    const python = file.requiresPython ? ` data-requires-python="${escapeHtml(file.requiresPython)}"` : '';
    const yanked = file.yanked === undefined || file.yanked === false ? '' : ` data-yanked="${file.yanked === true ? '' : escapeHtml(file.yanked)}"`;
    return `    <a href="${escapeHtml(href)}"${python}${yanked}>${escapeHtml(file.filename)}</a><br/>`;
  });
  send(response, 200, 'text/html; charset=utf-8', `<!DOCTYPE html>\n<html>\n  <head><meta name="pypi:repository-version" content="1.0"><title>Links for ${escapeHtml(project.name)}</title></head>\n  <body>\n    <h1>Links for ${escapeHtml(project.name)}</h1>\n${links.join('\n')}\n  </body>\n</html>\n`);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function redirect(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location, 'content-type': 'text/plain' });
  response.end(`see ${location}`);
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
