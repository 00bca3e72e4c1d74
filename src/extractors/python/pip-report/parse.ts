/** pip's `--report` JSON to the packages pip would install. */
import type { Diagnostic } from '../../../core/diagnostic.js';
import { schemaDiagnostics, type LockedPackage } from '../lockfile/component.js';
import { jsonValueLines } from '../lockfile/lines.js';
import { requirementName } from '../lockfile/requirement-name.js';
import { fromDirectUrl } from '../site-packages/direct-url.js';
import { installSchema, reportSchema, type PipInstall } from './schema.js';

export interface PipReportParse {
  packages: LockedPackage[];
  diagnostics: Diagnostic[];
}

/** What the first 64 KiB of a JSON file must show to be taken for a pip report. */
export function looksLikePipReport(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 65536));
  return /^\s*\{/.test(text) && /"version"\s*:\s*"1"/.test(text) && /"pip_version"\s*:/.test(text) && /"install"\s*:/.test(text);
}

/**
 * `requested` says the user asked for the package (direct). pip does not name the index a file came from;
 * for a download over http(s) that is not a direct URL, `index` is the origin of the download URL (for PyPI,
 * `https://files.pythonhosted.org`), and the full URL is on the artifact.
 */
export function readPipReport(doc: unknown, text: string, path: string): PipReportParse {
  const lines = jsonValueLines(text, 4);
  const top = reportSchema.safeParse(doc);
  if (!top.success) return { packages: [], diagnostics: schemaDiagnostics(top.error, path, 'PIP_REPORT_SCHEMA', (p) => lines.get(p.map(String).join('/'))) };
  const diagnostics: Diagnostic[] = [];
  const packages: LockedPackage[] = [];
  top.data.install.forEach((raw, entry) => {
    const line = lines.get(`install/${entry}/metadata/name`) ?? lines.get(`install/${entry}`);
    const parsed = installSchema.safeParse(raw);
    if (!parsed.success) {
      diagnostics.push(...schemaDiagnostics(parsed.error, path, 'PIP_REPORT_SCHEMA', () => line).map((d) => ({ ...d, message: `install[${entry}].${d.message}` })));
      return;
    }
    packages.push(toPackage(parsed.data, entry, line));
  });
  return { packages, diagnostics };
}

function toPackage(item: PipInstall, entry: number, line: number | undefined): LockedPackage {
  const info = item.download_info;
  const located = fromDirectUrl(info);
  const origin = !item.is_direct && /^https?:\/\//i.test(info.url) ? originOf(info.url) : undefined;
  return {
    name: item.metadata.name,
    version: item.metadata.version,
    entry,
    direct: item.requested,
    artifacts: located.artifacts,
    editable: located.editable ?? false,
    dependencies: (item.metadata.requires_dist ?? []).map(requirementName).filter((n): n is string => n !== undefined),
    raw: `${item.metadata.name}==${item.metadata.version}`,
    ...(item.requested_extras === undefined ? {} : { extras: item.requested_extras }),
    ...(line === undefined ? {} : { line }),
    ...(origin === undefined ? {} : { index: origin }),
    ...(item.is_direct && located.url !== undefined ? { url: located.url } : {}),
    ...(located.path === undefined ? {} : { path: located.path }),
    ...(located.vcs === undefined ? {} : { vcs: located.vcs }),
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
