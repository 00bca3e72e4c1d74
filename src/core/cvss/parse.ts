/** Strict parsing of a CVSS vector string's `/`-separated `NAME:VALUE` metrics against one version's metric table. */

export interface MetricTable {
  /** Every metric of the version, in the specification's order, with its allowed values. */
  readonly metrics: ReadonlyArray<readonly [name: string, values: readonly string[]]>;
  /** How many leading entries of `metrics` are the mandatory base metrics. */
  readonly baseCount: number;
  /** v4.0 requires the specification's order; v3.x only recommends it. */
  readonly ordered: boolean;
}

export type ParsedMetrics = { ok: true; metrics: Record<string, string> } | { ok: false; error: string };

/** Parses the part after the `CVSS:x.y/` prefix. Never throws. */
export function parseMetrics(body: string, table: MetricTable): ParsedMetrics {
  const index = positions(table);
  const metrics: Record<string, string> = {};
  const seen = new Set<string>();
  let last = -1;
  if (body === '') return { ok: false, error: 'no metrics after the prefix' };
  for (const part of body.split('/')) {
    const colon = part.indexOf(':');
    if (colon <= 0 || colon !== part.lastIndexOf(':')) return { ok: false, error: `malformed metric "${clip(part)}"` };
    const name = part.slice(0, colon);
    const value = part.slice(colon + 1);
    const position = index.get(name);
    if (position === undefined) return { ok: false, error: `unknown metric "${clip(name)}"` };
    if (seen.has(name)) return { ok: false, error: `metric ${name} given more than once` };
    const allowed = table.metrics[position]![1];
    if (!allowed.includes(value)) return { ok: false, error: `metric ${name} has unknown value "${clip(value)}"` };
    if (table.ordered && position < last) return { ok: false, error: `metric ${name} is out of the specification's order` };
    last = position;
    seen.add(name);
    metrics[name] = value;
  }
  for (const [name] of table.metrics.slice(0, table.baseCount)) {
    if (!seen.has(name)) return { ok: false, error: `mandatory base metric ${name} is missing` };
  }
  return { ok: true, metrics };
}

const POSITIONS = new WeakMap<MetricTable, Map<string, number>>();

function positions(table: MetricTable): Map<string, number> {
  let index = POSITIONS.get(table);
  if (index === undefined) {
    index = new Map(table.metrics.map(([name], i) => [name, i]));
    POSITIONS.set(table, index);
  }
  return index;
}

function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
