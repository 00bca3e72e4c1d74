import type { Extractor, SniffProbe } from '../core/extractor.js';
import { globToRegExp } from './glob.js';

export interface ExtractorSelection {
  /** Extractors that will read the file. */
  chosen: Extractor[];
  /** Extractors whose name patterns matched but whose content check did not: the file may be disguised or broken. */
  unrecognised: Extractor[];
}

interface CompiledExtractor {
  extractor: Extractor;
  patterns: RegExp[];
}

/**
 * Decides which extractors read a file: by bytes first (every extractor whose `sniff` accepts the probe),
 * then by name only for extractors without a sniff. A name match whose sniff fails is remembered so the
 * scan can say that a file named like a model was not recognised as one.
 */
export class ExtractorSelector {
  private readonly compiled: CompiledExtractor[];

  constructor(extractors: readonly Extractor[]) {
    this.compiled = extractors.map((extractor) => ({ extractor, patterns: extractor.patterns.map((p) => globToRegExp(p)) }));
  }

  select(path: string, probe: SniffProbe): ExtractorSelection {
    const chosen: Extractor[] = [];
    const unrecognised: Extractor[] = [];
    for (const { extractor, patterns } of this.compiled) {
      const named = patterns.some((re) => re.test(path));
      if (extractor.sniff) {
        if (safeSniff(extractor, probe)) chosen.push(extractor);
        else if (named) unrecognised.push(extractor);
      } else if (named) {
        chosen.push(extractor);
      }
    }
    return { chosen, unrecognised: chosen.length > 0 ? [] : unrecognised };
  }

  /** True when some extractor could want a file by its name alone (used to skip reading other files). */
  wantsName(path: string): boolean {
    return this.compiled.some(({ patterns }) => patterns.some((re) => re.test(path)));
  }
}

function safeSniff(extractor: Extractor, probe: SniffProbe): boolean {
  try {
    return extractor.sniff!(probe);
  } catch {
    return false;
  }
}
