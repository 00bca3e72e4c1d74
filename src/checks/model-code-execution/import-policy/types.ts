/** Why an import is dangerous, grouped so that messages can say what loading the file does. */
export type DangerFamily =
  | 'process-execution'
  | 'dynamic-code'
  | 'nested-loader'
  | 'filesystem'
  | 'network'
  | 'interpreter-state'
  | 'framework-internals';

/**
 * Dotted paths (`module.name`) that are dangerous. A path matches itself and everything below it
 * (`subprocess` matches `subprocess.Popen.__init__`); a trailing `*` matches any continuation of the
 * last segment (`os.exec*` matches `os.execvp`).
 */
export interface DangerousPaths {
  family: DangerFamily;
  /** What loading a pickle that uses one of these does, in plain words. */
  effect: string;
  paths: readonly string[];
}

/** Exact `module.name` pairs known to be free of side effects when a pickle imports and calls them. */
export interface SafeNames {
  reason: string;
  module: string;
  names: readonly string[];
}

/** Classes of a package whose modules are safe to import and whose classes only store what they get. */
export interface SafeClassPattern {
  reason: string;
  /** The module itself or any module below it. */
  modulePrefix: string;
  /** Modules below the prefix that are excluded (test helpers, downloaders...). */
  excludedModules: readonly string[];
  /** The name must match, e.g. a CamelCase class name without dots. */
  name: RegExp;
}
