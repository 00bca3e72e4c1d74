/**
 * Poetry version constraints to PEP 440 specifiers: `^1.2` is `>=1.2,<2.0`, `~1.2` is `>=1.2,<1.3`,
 * a bare version is exact (`==`), `*` is any. Alternatives (`||`) have no PEP 440 form: kept as written.
 */

function bump(parts: number[], index: number): string {
  const upper = parts.slice(0, index + 1);
  upper[index] = upper[index]! + 1;
  while (upper.length < Math.max(2, parts.length)) upper.push(0);
  return upper.join('.');
}

function numeric(version: string): number[] | undefined {
  if (!/^\d+(\.\d+)*$/.test(version)) return undefined;
  return version.split('.').map(Number);
}

function one(constraint: string): string | undefined {
  const c = constraint.trim();
  if (c === '' || c === '*') return '';
  if (c.startsWith('^')) {
    const v = c.slice(1).trim();
    const parts = numeric(v);
    if (!parts) return undefined;
    const first = parts.findIndex((p) => p !== 0);
    return `>=${v},<${bump(parts, first < 0 ? parts.length - 1 : first)}`;
  }
  if (c.startsWith('~') && !c.startsWith('~=')) {
    const v = c.slice(1).trim();
    const parts = numeric(v);
    if (!parts) return undefined;
    return `>=${v},<${bump(parts, parts.length === 1 ? 0 : 1)}`;
  }
  if (/^(===|==|!=|<=|>=|~=|<|>)/.test(c)) return c.replace(/\s+/g, '');
  if (/^\d[\w.!+-]*(\.\*)?$/.test(c)) return `==${c}`;
  return undefined;
}

/** The PEP 440 form, '' for any version, undefined when there is none (kept as written by the caller). */
export function poetryToPep440(constraint: string): string | undefined {
  if (constraint.includes('|')) return undefined;
  const parts = constraint.split(/\s*,\s*|\s+(?=[<>=!~^\d])/).filter((p) => p.trim() !== '');
  const converted = parts.map(one);
  if (converted.some((c) => c === undefined)) return undefined;
  return converted.filter((c) => c !== '').join(',');
}
