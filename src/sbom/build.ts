import { randomUUID } from 'node:crypto';
import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';
import { buildArtifacts } from './artifacts.js';
import type { BomDocument } from './model.js';
import { buildPackages } from './packages.js';
import { readProject } from './project.js';
import { buildVulnerabilities } from './vulnerabilities.js';

export interface BuildBomOptions {
  /** For reproducible output in tests; a random v4 UUID otherwise. */
  serialNumber?: string;
  /** ISO timestamp; the report's start time otherwise. */
  timestamp?: string;
}

/**
 * The bill of materials of a scanned project: its packages, models and datasets (every model and dataset
 * file hashed from disk under `report.root`), the dependency graph and the findings as vulnerabilities.
 */
export async function buildBom(report: ScanReport, options: BuildBomOptions = {}): Promise<BomDocument> {
  const project = readProject(report.root);
  const components = report.inventory.components;
  const graph = buildPackages(components, project);
  const artifacts = await buildArtifacts(report.root, components);

  const refByComponent = new Map<string, string>();
  for (const component of components) {
    if (component.kind !== 'python-package' || component.metadata.type !== 'python-package') continue;
    const name = component.metadata.normalizedName;
    const match = graph.packages.find((p) => p.normalizedName === name && (component.version === undefined || p.version === component.version));
    if (match) refByComponent.set(component.id, match.ref);
  }
  const refOfFinding = (finding: Finding): string | undefined => {
    const byComponent = finding.componentId === undefined ? undefined : refByComponent.get(finding.componentId);
    if (byComponent !== undefined) return byComponent;
    const path = finding.location?.path;
    return path === undefined ? undefined : artifacts.refByPath.get(path);
  };

  const dependencies = new Map<string, string[]>();
  dependencies.set(project.ref, [...graph.direct, ...artifacts.models.filter((m) => m.path !== undefined).map((m) => m.ref), ...artifacts.datasets.filter((d) => d.path !== undefined).map((d) => d.ref)]);
  for (const pkg of graph.packages) dependencies.set(pkg.ref, graph.edges.get(pkg.ref) ?? []);
  for (const model of artifacts.models) dependencies.set(model.ref, artifacts.edges.get(model.ref) ?? []);
  for (const dataset of artifacts.datasets) dependencies.set(dataset.ref, []);

  return {
    serialNumber: options.serialNumber ?? `urn:uuid:${randomUUID()}`,
    timestamp: options.timestamp ?? report.startedAt.replace(/\.\d+Z$/, 'Z'),
    tool: { name: 'aigis', version: report.tool.version },
    project,
    packages: graph.packages,
    models: artifacts.models,
    datasets: artifacts.datasets,
    vulnerabilities: buildVulnerabilities(report, refOfFinding),
    dependencies,
  };
}
