/**
 * Secrets never leave a check: credentials in URLs (`user:pass@`, a token as user name) and secret-looking
 * query parameters are replaced by `***` in every message, evidence field and fix.
 */

const SECRET_PARAM = /^(?:token|access[_-]?token|auth|api[_-]?key|key|password|passwd|pwd|secret|signature|sig|x-amz-signature|private[_-]?token)$/i;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi;
/** Up to the last `@` of the authority, as URL parsers split it (a password may contain `@`). */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]*)@/i;

export interface UrlSecrets {
  /** The URL carries `user:password@` or a bare token as user name. */
  userinfo: 'none' | 'user-only' | 'password' | 'token';
  /** Names of query parameters that look secret. */
  secretParams: string[];
}

function looksLikeToken(user: string): boolean {
  return user.length >= 16 || /^(?:gh[pousr]_|glpat-|pypi-|AKIA|xox[bap]-)/.test(user) || /^[A-Za-z0-9_-]{20,}$/.test(user);
}

/** What secrets a URL carries, without returning them. Placeholders pip expands (`${TOKEN}`) are not secrets. */
export function urlSecrets(url: string): UrlSecrets {
  const secrets: UrlSecrets = { userinfo: 'none', secretParams: [] };
  const userinfo = USERINFO.exec(url)?.[2];
  if (userinfo !== undefined && userinfo !== '') {
    const colon = userinfo.indexOf(':');
    const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? '' : userinfo.slice(colon + 1);
    const placeholder = (text: string): boolean => /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(text);
    if (password !== '' && !placeholder(password)) secrets.userinfo = 'password';
    else if (password === '' && !placeholder(user) && looksLikeToken(user)) secrets.userinfo = 'token';
    else if (password === '' && !placeholder(user)) secrets.userinfo = 'user-only';
  }
  const query = url.split('#')[0]?.split('?')[1];
  if (query !== undefined) {
    for (const pair of query.split('&')) {
      const [key, value] = pair.split('=');
      if (key !== undefined && value !== undefined && value !== '' && SECRET_PARAM.test(key)) secrets.secretParams.push(key);
    }
  }
  return secrets;
}

export function hasSecret(url: string): boolean {
  const secrets = urlSecrets(url);
  return secrets.userinfo === 'password' || secrets.userinfo === 'token' || secrets.secretParams.length > 0;
}

/** The URL with any password, token user name and secret query value replaced by `***`. */
export function redactUrl(url: string): string {
  let redacted = url.replace(USERINFO, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    if (colon >= 0) return `${scheme}${userinfo.slice(0, colon)}:***@`;
    return looksLikeToken(userinfo) ? `${scheme}***@` : `${scheme}${userinfo}@`;
  });
  redacted = redacted.replace(/([?&])([^=&#]+)=([^&#]*)/g, (all, sep: string, key: string) => (SECRET_PARAM.test(key) ? `${sep}${key}=***` : all));
  return redacted;
}

/** Every URL inside a free text (a requirement line, a config value) redacted. */
export function redactText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}
