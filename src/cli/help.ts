export const MAIN_HELP = `aigis: supply-chain security for machine-learning projects

Usage: aigis <command> [options]

Commands:
  scan [PATH...]          scan a project: every extractor and every check
  model scan PATH...      scan model files only (pickle family, Keras, TensorFlow, ONNX, GGUF,
                          chat templates, safetensors, hub folders, archives)
  model sign PATH --key KEY  sign a model (OpenSSF model signing, OMS v1.0 Sigstore bundle)
  model verify PATH --signature SIG  verify a model signature (--key, --certificate-chain,
                          or a Sigstore identity and issuer against a trust root)
  deps check [PATH...]    check Python dependencies: pins, hashes, indexes, policy, typosquats
  deps audit [PATH...]    known vulnerabilities (OSV, offline by default); --fix proposes upgrades
  deps hash FILE          add the sha256 of every file of each pinned release to a requirements file
  deps namespace [NAME...]  ask a public index which internal package names are already taken
  db status|update        show or update the local OSV vulnerability database
  fetch SOURCE -o DIR     download a model, dataset or file from a trusted source: verified,
                          scanned, then moved into place and recorded in aigis.lock (--locked)
  manifest create DIR -o FILE  write a SHA-256 manifest (sha256sum, BSD tag or JSON format)
  manifest verify DIR FILE     check a folder against a manifest: modified, missing, unexpected
  sbom [PATH]             write the ML bill of materials (CycloneDX 1.6/1.7, SPDX 3.0.1)
  verify FILE --signature SIG  verify a detached signature (minisign, signify, SSH,
                          OpenPGP, raw Ed25519/ECDSA/RSA) against trusted keys
  rules                   list every rule with its id, severity and help
  help [COMMAND]          show help for a command
  version                 print the version

Run 'aigis <command> --help' for a command's options and examples.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
            2 usage or configuration error, 3 internal error.`;

const COMMON_OPTIONS = `Options:
  -f, --format FORMAT     table (default), json, sarif, markdown
  -o, --output FILE       write the report to FILE (written whole or not at all)
      --fail-on LEVEL     critical, high (default), medium, low, or none: exit 1 when
                          an unsuppressed finding is at or above LEVEL
  -c, --config FILE       aigis.toml, or a pyproject.toml with [tool.aigis]
                          (default: aigis.toml, then pyproject.toml, in the scanned folder)
      --exclude GLOB      leave out matching paths (repeatable)
      --find-links DIR    re-hash the wheels and sdists in DIR against declared hashes,
                          and read their dependencies (what pip --require-hashes checks)
      --index-url URL     read release files and hashes from a PEP 691/503 index
      --pip-config FILE   also check this pip.conf/pip.ini/uv.toml (repeatable; PIP_CONFIG_FILE
                          is read too, as pip reads it)
      --db FILE           the OSV database for the vulnerability audit of 'aigis scan'
                          (default: $AIGIS_DB, else ~/.cache/aigis/osv.sqlite, built from the
                          bundled snapshot on first use; no network)
      --include-virtualenvs  also walk into virtualenvs and site-packages
      --no-color          never colour the table
  -q, --quiet             no progress display and no summary on stderr
  -v, --verbose           list files that could not be read, and timings
  -h, --help              show this help`;

export const SCAN_HELP = `Usage: aigis scan [PATH...] [options]

Scans a project folder (default: the current folder) with every extractor and check:
model files for code that runs on load, and everything later checks add.

${COMMON_OPTIONS}

Examples:
  aigis scan examples/demo
  aigis scan . --format sarif --output aigis.sarif
  aigis scan models/ --fail-on critical --format json`;

export const MODEL_SCAN_HELP = `Usage: aigis model scan PATH... [options]

Scans model files for code that runs when they are loaded: raw pickles, joblib, dill and
cloudpickle files, PyTorch zip, legacy and TorchScript checkpoints, NumPy .npy/.npz, Keras
.h5/.keras, TensorFlow SavedModels and graphs, ONNX, GGUF, Jinja chat templates, safetensors,
hub model folders, and gzip/bz2/xz/tar/7z/zip archives of any of these.
Formats are recognised by their bytes, not by file names. Nothing is ever loaded.

${COMMON_OPTIONS}

Examples:
  aigis model scan pytorch_model.bin
  aigis model scan ./checkpoints --format markdown > scan.md
  aigis model scan downloaded/ --format json --output report.json --fail-on medium`;

export const RULES_HELP = `Usage: aigis rules [--format table|json]

Lists every rule aigis can report, with its check, default severity and help text.

Examples:
  aigis rules
  aigis rules --format json`;

export const DEPS_CHECK_HELP = `Usage: aigis deps check [PATH...] [options]

Checks the Python dependencies of a project: requirements files (with -r/-c includes), pyproject.toml,
pylock.toml, uv.lock, poetry.lock, Pipfile.lock, pdm.lock, pip --report JSON, installed *.dist-info,
pip.conf/pip.ini and uv.toml. Rules: pinning, hashes (pip's hash-checking rules), index configuration
(--extra-index-url, plain http, trusted hosts, credentials), the allowlist and internal packages of the
policy ([deps] in aigis.toml), typosquats and publicly reported malicious packages.

${COMMON_OPTIONS}

Examples:
  aigis deps check
  aigis deps check requirements.txt --find-links ./wheelhouse
  aigis deps check . --index-url https://pypi.example.com/simple/ --format sarif -o deps.sarif`;
