/** The dependencies a wheel's Requires-Dist lines add for a requirement with the given extras. */
import { parseRequirement } from '../../../core/pep508.js';
import { normalizePythonName } from '../../../core/python-metadata.js';

export interface WheelDependency {
  normalizedName: string;
  /** The environment marker when it depends on more than the extras. */
  marker?: string;
  line: string;
}

const EXTRA_CLAUSE = /\bextra\s*==\s*["']([^"']+)["']/g;

/**
 * Dependencies that apply: unconditional ones, those whose `extra == "x"` names a requested extra, and (with
 * their marker) those conditioned on the environment, which cannot be decided here.
 */
export function wheelDependencies(requiresDist: readonly string[], extras: readonly string[]): WheelDependency[] {
  const requested = new Set(extras.map(normalizePythonName));
  const dependencies: WheelDependency[] = [];
  for (const line of requiresDist) {
    const parsed = parseRequirement(line);
    if (!parsed.ok) continue;
    const { name, marker } = parsed.requirement;
    const dependency: WheelDependency = { normalizedName: normalizePythonName(name), line };
    if (marker !== undefined && marker.trim() !== '') {
      const named = [...marker.matchAll(EXTRA_CLAUSE)].map((match) => normalizePythonName(match[1] ?? ''));
      if (named.length > 0 && !named.some((extra) => requested.has(extra))) continue;
      const rest = marker.replace(EXTRA_CLAUSE, '').replace(/\b(?:and|or)\b|[()\s]/g, '');
      if (rest !== '') dependency.marker = marker.trim();
    }
    dependencies.push(dependency);
  }
  return dependencies;
}
