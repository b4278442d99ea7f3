// Markdown for strings that come from an index (every one is hostile, issue 8 §6): one line, no
// control / bidi / zero-width characters, a length cap, CommonMark escapes; code spans whose
// fence is longer than any backtick run inside (CommonMark §6.1, so they cannot be closed early);
// links only to https URLs, percent-encoded so the destination cannot end early (§6.3).
// https://spec.commonmark.org/0.31.2/

/** C0/C1 controls, bidi embeddings/overrides/isolates (Trojan Source, CVE-2021-42574), zero-width and BOM. */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;

/** One line of plain text: invisibles removed, runs of whitespace (newlines too) one space, capped. */
export function oneLine(s: string, max = 300): string {
  const flat = String(s).replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Escapes the markdown characters that could turn a package name or message into markup. */
export function esc(s: string): string {
  return s.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** Untrusted text for a hover: one line, capped, escaped. */
export function text(s: string, max = 300): string {
  return esc(oneLine(s, max));
}

/** A code span that no content can close: the fence is one backtick longer than the longest run inside. */
export function codeSpan(s: string, max = 200): string {
  const v = oneLine(s, max);
  const longest = Math.max(0, ...[...v.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || v === '' ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

/** The URL as a safe link destination, or undefined unless it is https (no javascript:, data:, file:, command:…). */
export function httpsHref(raw: string, max = 500): string | undefined {
  if (raw.length > 4 * max) return undefined;
  let u: URL;
  try {
    u = new URL(oneLine(raw, 4 * max));
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return undefined;
  const href = u.href.replace(/[()<>\s\\[\]`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length > max ? undefined : href;
}
