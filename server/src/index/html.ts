// PEP 503 HTML Simple API parsing, for private indexes that serve only HTML (devpi, Artifactory,
// Nexus, GitLab, CodeArtifact). Attributes follow PEP 503/592/658/714/740/792:
// data-requires-python, data-yanked, data-dist-info-metadata/data-core-metadata, data-provenance,
// the hash as a URL fragment, and `<meta name="pypi:project-status">` for the project status.
import type { IndexFile, ProjectStatus } from './facts';
import { normalizeName } from './urls';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function parseAttrs(s: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) attrs.set(m[1].toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  return attrs;
}

const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar|zip|egg)$/i;

/** Version from a wheel / sdist / egg file name (PEP 427, PEP 625, legacy sdists). */
export function versionFromFilename(filename: string, project: string): string | undefined {
  const m = ARCHIVE.exec(filename);
  if (!m) return undefined;
  const base = filename.slice(0, m.index);
  const ext = m[1].toLowerCase();
  if (ext === 'whl' || ext === 'egg') return base.split('-')[1] || undefined;
  // Legacy sdist names may contain '-' inside the project name: find the split that matches it.
  const want = normalizeName(project);
  for (let i = base.indexOf('-'); i > 0; i = base.indexOf('-', i + 1)) {
    if (normalizeName(base.slice(0, i)) === want) return base.slice(i + 1) || undefined;
  }
  const last = base.lastIndexOf('-');
  return last > 0 ? base.slice(last + 1) : undefined;
}

/**
 * Start tags named `name`, with their attribute text and the text up to the next tag. A hand
 * scanner rather than one regex: it stays linear on hostile pages (unclosed tags, huge inputs).
 */
function* tags(html: string, name: string): Generator<{ attrs: string; text: string }> {
  const lower = html.toLowerCase();
  const open = `<${name}`;
  let i = 0;
  for (;;) {
    i = lower.indexOf(open, i);
    if (i < 0) return;
    const after = lower.charCodeAt(i + open.length);
    // Only `<a` followed by whitespace, `>` or `/` is an anchor (not `<abbr>`).
    if (!(after === 32 || after === 9 || after === 10 || after === 13 || after === 62 || after === 47)) {
      i += open.length;
      continue;
    }
    const close = tagEnd(html, i + open.length);
    if (close === -1) return; // no later tag can close either
    if (close === -2) {
      i += open.length;
      continue;
    }
    const next = html.indexOf('<', close);
    yield { attrs: html.slice(i + open.length, close), text: html.slice(close + 1, next < 0 ? html.length : next) };
    i = close + 1;
  }
}

/** Index of the `>` ending a tag, skipping quoted values (some indexes leave `>=3.8` unescaped). */
function tagEnd(html: string, from: number): number {
  for (let j = from; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (c === 62) return j;
    if (c === 34 || c === 39) {
      const q = html.indexOf(c === 34 ? '"' : "'", j + 1);
      if (q < 0) return html.indexOf('>', from); // unbalanced quote: fall back to the first '>'
      j = q;
    } else if (c === 60) {
      return -2; // a new tag started: this one never closed
    }
  }
  return -1;
}

export interface HtmlProject {
  files: IndexFile[];
  status?: ProjectStatus;
  apiVersion?: string;
}

/** Parse a PEP 503 project page. `pageUrl` resolves relative hrefs. Never throws. */
export function parseSimpleHtml(html: string, pageUrl: string, project: string): HtmlProject {
  const files: IndexFile[] = [];
  const metas = new Map<string, string>();
  for (const m of tags(html, 'meta')) {
    const a = parseAttrs(m.attrs);
    const name = a.get('name');
    if (name) metas.set(name.toLowerCase(), a.get('content') ?? '');
  }
  for (const m of tags(html, 'a')) {
    const a = parseAttrs(m.attrs);
    const href = a.get('href');
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      continue;
    }
    const hashes: Record<string, string> = {};
    const frag = /^#([a-z0-9_]+)=([0-9a-f]+)$/i.exec(url.hash);
    if (frag) hashes[frag[1].toLowerCase()] = frag[2].toLowerCase();
    url.hash = '';
    const text = decodeEntities(m.text).trim();
    const filename = text || decodeURIComponent(url.pathname.split('/').pop() ?? '');
    if (!filename) continue;
    // PEP 592: the attribute's presence means yanked; its value, when non-empty, is the reason.
    const y = a.get('data-yanked');
    const prov = a.get('data-provenance');
    const rp = a.get('data-requires-python');
    const file: IndexFile = {
      filename,
      url: url.toString(),
      version: versionFromFilename(filename, project),
      hashes,
      yanked: y === undefined ? false : y === '' ? true : y,
    };
    if (rp) file.requiresPython = rp;
    // PEP 740 says the attribute is absent when there is no provenance; an index that advertises
    // api-version >= 1.3 therefore tells us "none" by omission.
    if (prov !== undefined) file.provenance = prov ? new URL(prov, pageUrl).toString() : null;
    files.push(file);
  }
  const apiVersion = metas.get('pypi:repository-version');
  if (apiVersion && versionAtLeast(apiVersion, 1, 3)) for (const f of files) if (f.provenance === undefined) f.provenance = null;
  const st = metas.get('pypi:project-status');
  const reason = metas.get('pypi:project-status-reason');
  return {
    files,
    ...(st ? { status: { status: st, ...(reason ? { reason } : {}) } } : {}),
    ...(apiVersion ? { apiVersion } : {}),
  };
}

export function versionAtLeast(v: string, major: number, minor: number): boolean {
  const [a, b] = v.split('.').map((x) => parseInt(x, 10));
  return a > major || (a === major && (b || 0) >= minor);
}
