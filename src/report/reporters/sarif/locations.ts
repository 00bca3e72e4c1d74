import type { JsonObject } from '../../../core/json.js';
import type { Location } from '../../../core/location.js';

export const SRCROOT = '%SRCROOT%';

/** A relative `/`-separated path as a URI reference, each segment percent-encoded. */
export function relativeUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** `file:` URI of the absolute scan root, ending in `/` as SARIF requires for a base. */
export function rootUri(root: string): string {
  const slashed = root.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const segments = slashed.split('/').map((segment, index) =>
    drive && index === 0 ? segment : encodeURIComponent(segment),
  );
  let path = segments.join('/');
  if (drive) path = `/${path}`;
  else if (!path.startsWith('/')) path = `/${path}`;
  if (!path.endsWith('/')) path += '/';
  return `file://${path}`;
}

/**
 * A file found inside an archive is named `archive!/member` (and may carry a member of its own): SARIF's file
 * location must be the archive, a real file, and the rest becomes the member.
 */
function splitNestedPath(location: Location): Location {
  const at = location.path.indexOf('!/');
  if (at < 0) return location;
  const inner = location.path.slice(at + 2);
  return { ...location, path: location.path.slice(0, at), member: location.member === undefined ? inner : `${inner}!/${location.member}` };
}

/**
 * A SARIF location for an aigis location. For a container member the physical location is the
 * container file (no region: the member's offsets are not offsets into the container) and the member
 * is named by a logical location `path!member` plus `properties.member` / `properties.memberOffset`.
 */
export function sarifLocation(given: Location): JsonObject {
  const location = splitNestedPath(given);
  const physicalLocation: JsonObject = {
    artifactLocation: { uri: relativeUri(location.path), uriBaseId: SRCROOT },
  };
  if (location.member === undefined) {
    if (location.line !== undefined && location.line >= 1) physicalLocation.region = { startLine: location.line };
    else if (location.offset !== undefined && location.offset >= 0) physicalLocation.region = { byteOffset: location.offset };
    return { physicalLocation };
  }
  const properties: JsonObject = { member: location.member };
  if (location.line !== undefined) properties.memberLine = location.line;
  if (location.offset !== undefined) properties.memberOffset = location.offset;
  return {
    physicalLocation,
    logicalLocations: [
      { name: location.member, fullyQualifiedName: `${location.path}!${location.member}`, kind: 'archive-member' },
    ],
    properties,
  };
}
