/**
 * Patterns for text that reads like code, a command or a credential. They describe strings only: nothing
 * here says the text runs. The hub check decides how much a match in a config value matters, the
 * safetensors check how much a match in (never evaluated) metadata does.
 */

/** Shell commands that destroy data, fetch and run code, or open a remote shell. */
const DANGEROUS_SHELL: ReadonlyArray<readonly [string, RegExp]> = [
  ['rm-recursive', /\brm\s+(?:-[a-zA-Z]*[rR][a-zA-Z]*\s+)+(?:--no-preserve-root\s+)?(?:\/(?:\*|\s|$|["'])|~|\*|\$HOME|\.\.)/],
  ['pipe-to-shell', /\b(?:curl|wget)\b[^|;&\n]{0,300}\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b/],
  ['reverse-shell', /\/dev\/(?:tcp|udp)\/|\b(?:nc|ncat|netcat)\b[^\n]{0,100}\s-[a-z]*e\s|\bmkfifo\b[^\n]{0,100}\bnc\b|socket\.socket\([^\n]{0,200}\bconnect\(/],
  ['disk-wipe', /\bmkfs(?:\.\w+)?\s+\/dev\/|\bdd\s+if=[^\n]{0,100}of=\/dev\/(?:sd|nvme|hd)/],
  ['fork-bomb', /:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/],
  ['encoded-powershell', /\bpowershell(?:\.exe)?\b[^\n]{0,100}\s-(?:e|enc|encodedcommand)\s/i],
];

/** Credentials whose shape is specific enough that a match is very likely a real key. */
const SECRETS: ReadonlyArray<readonly [string, RegExp]> = [
  ['openai-key', /\bsk-(?:proj-|svcacct-|admin-)?(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,}/],
  ['aws-access-key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['huggingface-token', /\bhf_[A-Za-z0-9]{30,}\b/],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/],
  ['private-key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/],
];

/** Broader code-like text, for metadata that no loader evaluates. */
const CODE_LIKE: ReadonlyArray<readonly [string, RegExp]> = [
  ['python-code', /__import__|\bos\.(?:system|popen|exec\w*)\b|\bsubprocess\b|\b(?:exec|eval|compile)\s*\(|\bimport\s+[\w.]+\s*[;\n]|\bbase64\.b64decode\b|\bpickle\.loads?\b/],
  ['script-tag', /<script\b|javascript:/i],
  ['shell-command', /\b(?:rm\s+-[a-zA-Z]*[rf]|wget\s|curl\s|chmod\s+[0-7+]|bash\s+-c|sh\s+-c)|\/dev\/tcp\/|\|\s*(?:ba)?sh\b/],
  ['url', /\b(?:https?|ftp):\/\/[^\s"'<>]+/i],
  ['escaped-bytes', /(?:\\x[0-9a-fA-F]{2}){4,}/],
];

export interface TextMatch {
  pattern: string;
  /** The matched text, at most `MAX_EXCERPT` characters. */
  text: string;
}

const MAX_EXCERPT = 120;

function firstMatch(value: string, patterns: ReadonlyArray<readonly [string, RegExp]>): TextMatch | undefined {
  for (const [pattern, re] of patterns) {
    const match = re.exec(value);
    if (match) return { pattern, text: match[0].slice(0, MAX_EXCERPT) };
  }
  return undefined;
}

export function dangerousShellCommand(value: string): TextMatch | undefined {
  return firstMatch(value, DANGEROUS_SHELL);
}

/** A credential, with its text redacted to the first characters so that reports do not leak it further. */
export function liveLookingSecret(value: string): TextMatch | undefined {
  const match = firstMatch(value, SECRETS);
  return match ? { pattern: match.pattern, text: redact(match.text) } : undefined;
}

export function codeLikeText(value: string): TextMatch | undefined {
  return dangerousShellCommand(value) ?? firstMatch(value, CODE_LIKE);
}

function redact(secret: string): string {
  if (secret.startsWith('-----')) return secret;
  return `${secret.slice(0, Math.min(6, Math.floor(secret.length / 3)))}… (${secret.length} characters)`;
}

/** The first characters of a value, on one line, for evidence. */
export function excerptOf(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > MAX_EXCERPT ? `${flat.slice(0, MAX_EXCERPT)}…` : flat;
}
