import type { PythonLicense } from '../core/python-metadata.js';
import type { BomLicense } from './model.js';

/** Trove classifiers (without `License :: `) that name exactly one SPDX license. Ambiguous ones (`BSD License`) are kept as names. */
const CLASSIFIER_SPDX: Record<string, string> = {
  'OSI Approved :: MIT License': 'MIT',
  'OSI Approved :: MIT No Attribution License (MIT-0)': 'MIT-0',
  'OSI Approved :: Apache Software License': 'Apache-2.0',
  'OSI Approved :: ISC License (ISCL)': 'ISC',
  'OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'OSI Approved :: Python Software Foundation License': 'PSF-2.0',
  'OSI Approved :: GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'OSI Approved :: GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'OSI Approved :: GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'OSI Approved :: GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'OSI Approved :: GNU Affero General Public License v3': 'AGPL-3.0-only',
  'OSI Approved :: The Unlicense (Unlicense)': 'Unlicense',
  'OSI Approved :: Zope Public License': 'ZPL-2.1',
  'OSI Approved :: Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
};

/** SPDX ids as Hugging Face model cards write them (lower case), for the common ones. */
const CARD_SPDX: Record<string, string> = {
  'apache-2.0': 'Apache-2.0',
  mit: 'MIT',
  'bsd-3-clause': 'BSD-3-Clause',
  'bsd-2-clause': 'BSD-2-Clause',
  'cc-by-4.0': 'CC-BY-4.0',
  'cc-by-sa-4.0': 'CC-BY-SA-4.0',
  'cc-by-nc-4.0': 'CC-BY-NC-4.0',
  'cc-by-nc-sa-4.0': 'CC-BY-NC-SA-4.0',
  'cc0-1.0': 'CC0-1.0',
  'gpl-3.0': 'GPL-3.0-only',
  'agpl-3.0': 'AGPL-3.0-only',
  'mpl-2.0': 'MPL-2.0',
  unlicense: 'Unlicense',
};

/** A conservative check for an SPDX expression: ids, `+`, AND/OR/WITH and parentheses only. */
function looksLikeExpression(value: string): boolean {
  return value.length <= 500 && /^[A-Za-z0-9.+\-() ]+$/.test(value) && /[A-Za-z0-9]/.test(value);
}

/** Installed metadata to licenses: the PEP 639 expression wins, then classifiers, then the free-text name. */
export function packageLicenses(license: PythonLicense | undefined): BomLicense[] {
  if (!license) return [];
  if (license.expression !== undefined && looksLikeExpression(license.expression)) return [{ expression: license.expression }];
  const fromClassifiers: BomLicense[] = [];
  for (const classifier of license.classifiers) {
    const id = CLASSIFIER_SPDX[classifier];
    if (id !== undefined && !fromClassifiers.some((l) => 'id' in l && l.id === id)) fromClassifiers.push({ id });
  }
  if (fromClassifiers.length > 0) return fromClassifiers;
  if (license.name !== undefined) return [{ name: license.name }];
  const [first] = license.classifiers;
  return first === undefined ? [] : [{ name: first.split(' :: ').at(-1)! }];
}

/** A model card's `license:` value (`apache-2.0`, `other`, `llama3`...) to a license. */
export function cardLicenses(license: string | undefined): BomLicense[] {
  if (license === undefined) return [];
  const id = CARD_SPDX[license.toLowerCase()];
  return [id === undefined ? { name: license } : { id }];
}

/** One SPDX expression for formats that want a single string (SPDX 3), or undefined when there is no SPDX statement. */
export function licenseExpression(licenses: readonly BomLicense[]): string | undefined {
  const parts = licenses.flatMap((l) => ('expression' in l ? [l.expression] : 'id' in l ? [l.id] : []));
  // Several classifiers may mean a choice or a combination; metadata does not say which, so no expression.
  if (parts.length !== 1 || licenses.length !== 1) return undefined;
  return parts[0];
}
