/** One package the allowlist permits: versions as PEP 440 specifiers or globs (`2.14.*`), and its index. */
export interface AllowedPackage {
  name: string;
  versions: string[];
  index?: string;
}

/** The dependency policy from `[deps]` of aigis.toml or `[tool.aigis.deps]`. */
export interface DepsPolicy {
  /** Internal packages (names and globs such as `acme-*`) and the index they must come from. */
  internal?: { index?: string; packages: string[] };
  /** When non-empty, only these packages are allowed. */
  allow: AllowedPackage[];
  /** Names the typosquat check never flags. */
  typosquatAllow: string[];
}

export interface Policy {
  deps: DepsPolicy;
}

export const EMPTY_POLICY: Policy = { deps: { allow: [], typosquatAllow: [] } };
