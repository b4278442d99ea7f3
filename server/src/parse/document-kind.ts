// Which parser a document needs. The file name decides first, because editors disagree on
// language ids (Neovim opens requirements.txt as `text`, VS Code without our grammar as
// `plaintext`); the language id only decides for names we do not recognise (untitled buffers).
import { formatOfLanguage, matchPath } from '../../../shared/formats';
import type { DocumentKind } from '../core/types';

/** File path of a `file://` URI (percent-decoded), or the input itself when it is a path. */
export function uriToPath(uriOrPath: string): string {
  let p = uriOrPath;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]+):/.exec(p);
  // A one-letter "scheme" is a Windows drive (`C:\x`), not a URI.
  if (scheme) {
    p = p.slice(scheme[0].length).replace(/^\/\/[^/]*/, '');
    p = p.replace(/[?#].*$/, '');
    try {
      p = decodeURIComponent(p);
    } catch {
      // A malformed %-escape: keep the text as is.
    }
    // `file:///c:/x` -> `c:/x` on Windows-style paths.
    if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1);
  }
  return p;
}

/** The kind of a document: its path against the formats data (shared/formats.json, the one list of file names), then its language id. */
export function documentKind(uriOrPath: string, languageId?: string): DocumentKind {
  const byName = matchPath(uriToPath(uriOrPath));
  if (byName) return byName as DocumentKind;
  // `toml` only means pyproject when the file is named so (handled above).
  return (formatOfLanguage(languageId) as DocumentKind | undefined) ?? 'unknown';
}
