// Index URLs named in workspace files, as the index plan takes them (plan.ts `WorkspaceIndex`),
// and the notes that say which of them were not used. Both the CLI and the server build their
// list here, so `pipwatch check` and the editor ask the same indexes and report the same facts.
import type { IndexOption, ProjectIndex } from '../core/types';
import type { WorkspaceIndex } from './plan';
import { redact } from './urls';

const OPTION_LABEL: Record<IndexOption['origin'], string> = {
  requirements: '',
  command: ' (an install command)',
  pipfile: ' [[source]]',
  'pip-conf': '',
  uv: ' [[tool.uv.index]]',
  poetry: ' [[tool.poetry.source]]',
};

/**
 * The index options of one analysed document (requirements `-i` / `--extra-index-url`, Pipfile
 * sources, install commands). pyproject.toml's own tables are left out: they reach the plan as
 * project indexes (workspace facts), with their `explicit` flags and pins.
 */
export function documentIndexes(indexes: readonly IndexOption[], file: string): WorkspaceIndex[] {
  const out: WorkspaceIndex[] = [];
  for (const i of indexes) {
    if ((i.kind !== 'index-url' && i.kind !== 'extra-index-url') || i.origin === 'uv' || i.origin === 'poetry') continue;
    const opt = i.origin === 'requirements' || i.origin === 'command' ? ` --${i.kind}` : '';
    out.push({ kind: i.kind, url: i.url, source: `${file}${OPTION_LABEL[i.origin]}${opt}` });
  }
  return out;
}

export function fromProject(indexes: readonly ProjectIndex[] | undefined): WorkspaceIndex[] {
  return (indexes ?? []).map((p) => ({ kind: p.kind, url: p.url, source: p.source, ...(p.name ? { name: p.name } : {}), ...(p.packages ? { packages: p.packages } : {}) }));
}

/** A workspace string shown to the user: one line, no control or bidi characters, bounded. */
function shown(s: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The same index named twice (two requirements files) is one note. */
function unique(ws: readonly WorkspaceIndex[]): WorkspaceIndex[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const k = `${w.url}\u0000${w.source ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * One line per workspace index not used because the workspace is not trusted, credentials
 * redacted: "index https://***@pkgs.example/simple/ named in pyproject.toml [[tool.uv.index]] corp
 * ignored: untrusted workspace".
 */
export function ignoredIndexNotes(ws: readonly WorkspaceIndex[]): string[] {
  return unique(ws).map((w) => `index ${shown(redact(w.url))} named in ${shown(w.source ?? 'a workspace file')} ignored: untrusted workspace`);
}

/**
 * The workspace indexes one analysed document is looked up with: its project's (workspace facts)
 * and its own options. `file` names the document in notes and the log.
 */
export function indexesForDocument(projectIndexes: readonly ProjectIndex[] | undefined, options: readonly IndexOption[], file: string): WorkspaceIndex[] {
  return [...fromProject(projectIndexes), ...documentIndexes(options, file)];
}
