export { buildBom, type BuildBomOptions } from './build.js';
export { renderCycloneDx, type CycloneDxSpecVersion } from './cyclonedx.js';
export { renderSpdx, SPDX_CONTEXT } from './spdx.js';
export type { BomDataset, BomDocument, BomFile, BomLicense, BomModel, BomPackage, BomProject, BomVulnerability, ModelCardFacts } from './model.js';
