// Which parser a document needs. The file name decides first, because editors disagree on
// language ids (Neovim opens requirements.txt as `text`, VS Code without our grammar as
// `plaintext`); the language id only decides for names we do not recognise (untitled buffers).
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

const REQUIREMENTS_NAMES: RegExp[] = [
  /^requirements.*\.txt$/i, // requirements.txt, requirements-dev.txt, requirements_test.txt
  /.+[-_.]requirements\.txt$/i, // dev-requirements.txt, test_requirements.txt
  /^constraints.*\.txt$/i,
  // pip-tools inputs (requirements.in, dev.in) but not autotools/setuptools templates.
  /^(?!manifest\.in$|makefile\.in$)[^.]+\.in$/i,
];

export function documentKind(uriOrPath: string, languageId?: string): DocumentKind {
  const parts = uriToPath(uriOrPath).split(/[\\/]/);
  const base = parts[parts.length - 1] ?? '';
  // `requirements/base.txt` and one level deeper (`requirements/pytorch/base.txt`, a common layout).
  const inRequirementsDir = parts.slice(-3, -1).some((d) => /^requirements$/i.test(d));
  if (base.toLowerCase() === 'pyproject.toml') return 'pyproject';
  if (base.toLowerCase() === 'uv.lock') return 'uv-lock';
  if (/\.pyi?$/i.test(base)) return 'python';
  if (REQUIREMENTS_NAMES.some((re) => re.test(base))) return 'requirements';
  if (inRequirementsDir && /\.txt$/i.test(base)) return 'requirements';
  switch (languageId) {
    case 'pip-requirements':
      return 'requirements';
    case 'python':
      return 'python';
    default:
      // `toml` only means pyproject when the file is named so (handled above).
      return 'unknown';
  }
}
