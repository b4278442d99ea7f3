// URL helpers shared by the index client: PEP 503 names, redaction of credentials, and the
// transport policy (HTTPS only, plain HTTP only on loopback). Credentials must never reach a log
// line, a status message, a diagnostic or a cached fact, so every URL that leaves this layer for
// humans goes through `redact`.

import { isValidProjectName, normalizeName } from '../identify/normalize';

export { normalizeName };

/** PEP 508 / core metadata project name (case-insensitive), at most 200 characters in a URL. */
export function isValidName(name: string): boolean {
  return name.length <= 200 && isValidProjectName(name);
}

/** Replace `user:pass@` in a URL with `***@`. Non-URLs are redacted as text. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    return u.toString();
  } catch {
    return redactText(url);
  }
}

/**
 * Redact every `scheme://userinfo@` in free text (log lines, error messages). Greedy up to the
 * last `@` before the path, like the WHATWG URL parser: a raw `@` inside a password must not leave
 * its tail behind (`http://u:p@ss@host` -> `http://***@host`).
 */
export function redactText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi, '$1***@');
}

/** The URL without userinfo, as stored in facts and cache keys. */
export function stripUserinfo(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return redactText(url);
  }
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Why a URL may not be requested, or undefined when it may. HTTPS only, except loopback. */
export function refusalReason(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `not a valid URL: ${redactText(url)}`;
  }
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return undefined;
  if (u.protocol === 'http:') return `plain HTTP refused for ${redact(url)} (HTTPS is required except on loopback)`;
  return `unsupported scheme ${u.protocol} in ${redact(url)}`;
}

/**
 * Why a configured index URL (settings, pip / uv config, a trusted workspace file) may not be
 * used: as `refusalReason`, except that a `file:` URL names a local PEP 503 folder, which is read
 * (local-index.ts). URLs an index answer names never get this exception.
 */
export function indexRefusalReason(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol === 'file:') return u.host && u.host !== 'localhost' ? `file: URL with a remote host refused: ${redact(url)} (use a local path, file:///…)` : undefined;
  } catch {
    // not a URL: refusalReason says so
  }
  return refusalReason(url);
}

/** Index base URL with exactly one trailing slash. */
export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Minimal glob (`*`, `?`) matcher over PEP 503 names, for `privatePackages`. */
export function globMatch(glob: string, name: string): boolean {
  const g = normalizeName(glob).replace(/[-]+/g, '-');
  const re = new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}
