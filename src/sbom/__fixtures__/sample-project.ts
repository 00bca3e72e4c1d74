/** Writes a small ML project to a folder: pyproject, uv.lock, an installed distribution, a model folder, a pickle and data. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHECKS } from '../../checks/registry.js';
import type { OsvRecord } from '../../core/osv.js';
import { EMPTY_POLICY } from '../../core/policy.js';
import type { ScanReport, Suppression } from '../../core/report.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { EXTRACTORS } from '../../extractors/registry.js';
import { MemoryDatabase } from '../../checks/vulnerabilities/__fixtures__/database.js';
import { scan } from '../../scan.js';

export const TORCH_WHEEL_SHA = 'a'.repeat(64);

/** A constructed copy of GHSA-9wx4-h78v-vm56 (CVE-2024-35195), requests < 2.32.0. */
export const REQUESTS_ADVISORY: OsvRecord = {
  id: 'GHSA-9wx4-h78v-vm56',
  modified: '2024-06-10T00:00:00Z',
  aliases: ['CVE-2024-35195'],
  summary: 'Requests Session object does not verify requests after making first request with verify=False',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N' }],
  affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.32.0' }] }] }],
};

const UV_LOCK = `version = 1
requires-python = ">=3.10"

[[package]]
name = "certifi"
version = "2024.2.2"
source = { registry = "https://pypi.org/simple" }
wheels = [{ url = "https://files.pythonhosted.org/packages/ba/06/certifi-2024.2.2-py3-none-any.whl", hash = "sha256:dc383c07b76109f368f6106eee2b593b04a011ea4d55f652c6ca24a754d1cdd1", size = 163774 }]

[[package]]
name = "mlapp"
version = "1.2.0"
source = { virtual = "." }
dependencies = [{ name = "requests" }, { name = "torch" }]

[[package]]
name = "requests"
version = "2.31.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "certifi" }]
wheels = [{ url = "https://files.pythonhosted.org/packages/70/8e/requests-2.31.0-py3-none-any.whl", hash = "sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f", size = 62574 }]

[[package]]
name = "torch"
version = "2.5.0+cpu"
source = { registry = "https://download.pytorch.org/whl/cpu" }
wheels = [{ url = "https://download.pytorch.org/whl/cpu/torch-2.5.0%2Bcpu-cp311-cp311-linux_x86_64.whl", hash = "sha256:${TORCH_WHEEL_SHA}" }]
`;

const README = `---
license: apache-2.0
datasets:
  - imdb
  - stanfordnlp/sst2
base_model: google-bert/bert-base-uncased
pipeline_tag: text-classification
language: [en]
tags: [sentiment]
---
# bert-sentiment
`;

function safetensors(): Buffer {
  const header = Buffer.from(JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, Buffer.alloc(8)]);
}

/** `os.system('id')`, protocol 2: what the model checks report as critical. */
export const EVIL_PICKLE = Buffer.concat([Buffer.from([0x80, 0x02]), Buffer.from('cos\nsystem\nX'), Buffer.from([2, 0, 0, 0]), Buffer.from('id'), Buffer.from([0x85, 0x52, 0x2e])]);

export function writeSampleProject(dir: string): void {
  const files: Record<string, string | Buffer> = {
    'pyproject.toml': '[project]\nname = "mlapp"\nversion = "1.2.0"\ndependencies = ["requests>=2", "torch"]\n',
    'uv.lock': UV_LOCK,
    'site-packages/requests-2.31.0.dist-info/METADATA': 'Metadata-Version: 2.4\nName: requests\nVersion: 2.31.0\nLicense-Expression: Apache-2.0\n',
    'site-packages/certifi-2024.2.2.dist-info/METADATA': 'Metadata-Version: 2.1\nName: certifi\nVersion: 2024.2.2\nLicense: MPL-2.0\nClassifier: License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)\n',
    'models/bert-sentiment/config.json': JSON.stringify({ architectures: ['BertForSequenceClassification'], model_type: 'bert' }),
    'models/bert-sentiment/README.md': README,
    'models/bert-sentiment/model.safetensors': safetensors(),
    'models/bert-sentiment/tokenizer.json': '{"version":"1.0"}',
    'models/evil.pkl': EVIL_PICKLE,
    'data/imdb/train.csv': 'text,label\ngood,1\n',
    'data/imdb/test.csv': 'text,label\nbad,0\n',
    'data/labels.csv': 'id,label\n1,pos\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** The library scan of a folder with every extractor and check, the OSV fixture database and the given suppressions. */
export function scanProject(root: string, suppressions: Suppression[] = [], records: OsvRecord[] = [REQUESTS_ADVISORY]): Promise<ScanReport> {
  return scan({
    root,
    targets: ['.'],
    extractors: EXTRACTORS,
    checks: CHECKS,
    limits: DEFAULT_LIMITS,
    includeVirtualenvs: true,
    exclude: [],
    suppressions,
    available: new Set(['osv-database']),
    policy: EMPTY_POLICY,
    sources: { vulnerabilities: new MemoryDatabase(records) },
    now: () => new Date('2026-07-23T10:00:00.000Z'),
    toolVersion: '9.9.9',
  });
}
