// Which indexes a project's own files tell uv and Poetry to ask, as workspace facts: they apply to
// every file of the project (a uv.lock, a requirements.txt exported from it, the imports), not only
// to the pyproject.toml that names them. Pure over text; the index client honours them only in a
// trusted workspace (index/plan.ts). Sources:
// - uv (https://docs.astral.sh/uv/concepts/indexes/, .../reference/settings/): `[[tool.uv.index]]`
//   in pyproject.toml, `[[index]]` in a project uv.toml (name, url, `default = true` replaces PyPI,
//   `explicit = true` serves only packages pinned to it); legacy `index-url` / `extra-index-url`
//   (and uv.toml `[pip]`); `[tool.uv.sources] pkg = { index = "name" }` (or a list of such, with
//   markers) pins a package to that index, and uv then asks no other index for it.
// - Poetry (https://python-poetry.org/docs/repositories/): `[[tool.poetry.source]]` name, url,
//   `priority` = primary (replaces PyPI; legacy `default = true`) | supplemental | explicit; a
//   dependency `{ version = "…", source = "name" }` pins it to that source.
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import type { ProjectIndex } from '../core/types';
import { normalizeName } from '../identify/normalize';

export type { ProjectIndex };

type Table = Record<string, unknown>;
const table = (v: unknown): Table | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Table) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function tomlValue(text: string): Table | undefined {
  try {
    return table(getStaticTOMLValue(parseTOML(text.replace(/^\uFEFF/, ''))));
  } catch {
    return undefined; // invalid TOML names no index (the file's own PW001 says why)
  }
}

/** uv's settings table: pyproject `[tool.uv]` or a uv.toml's top level. */
function uvIndexes(uv: Table, file: string, prefix: string): ProjectIndex[] {
  const out: ProjectIndex[] = [];
  const entries = Array.isArray(uv.index) ? uv.index : [];
  for (const e of entries) {
    const t = table(e);
    const url = str(t?.url);
    if (!t || !url) continue;
    const name = str(t.name);
    const kind = t.explicit === true ? 'explicit' : t.default === true ? 'index-url' : 'extra-index-url';
    out.push({ kind, url, source: `${file} [[${prefix}index]]${name ? ` ${name}` : ''}`, ...(name ? { name } : {}) });
  }
  for (const [t, label] of [[uv, prefix], [table(uv.pip) ?? {}, `${prefix}pip.`]] as const) {
    const ix = str(t['index-url']);
    if (ix) out.push({ kind: 'index-url', url: ix, source: `${file} ${label}index-url` });
    const extra = t['extra-index-url'];
    for (const u of Array.isArray(extra) ? extra : []) {
      const url = str(u);
      if (url) out.push({ kind: 'extra-index-url', url, source: `${file} ${label}extra-index-url` });
    }
  }
  return out;
}

/** `[tool.uv.sources]`: package -> index name (a single table or a list of marker-split ones). */
function uvPins(sources: Table | undefined): [string, string][] {
  const out: [string, string][] = [];
  for (const [pkg, v] of Object.entries(sources ?? {})) {
    for (const s of Array.isArray(v) ? v : [v]) {
      const index = str(table(s)?.index);
      if (index) out.push([normalizeName(pkg), index]);
    }
  }
  return out;
}

function poetry(tool: Table, file: string): { indexes: ProjectIndex[]; pins: [string, string][] } {
  const p = table(tool.poetry);
  if (!p) return { indexes: [], pins: [] };
  const indexes: ProjectIndex[] = [];
  for (const e of Array.isArray(p.source) ? p.source : []) {
    const t = table(e);
    const url = str(t?.url);
    if (!t || !url) continue;
    const name = str(t.name);
    const prio = str(t.priority);
    const kind = prio === 'explicit' ? 'explicit' : prio === 'primary' || prio === 'default' || t.default === true ? 'index-url' : 'extra-index-url';
    indexes.push({ kind, url, source: `${file} [[tool.poetry.source]]${name ? ` ${name}` : ''}`, ...(name ? { name } : {}) });
  }
  const pins: [string, string][] = [];
  const groups = Object.values(table(p.group) ?? {}).map((g) => table(table(g)?.dependencies));
  for (const deps of [table(p.dependencies), table(p['dev-dependencies']), ...groups]) {
    for (const [pkg, v] of Object.entries(deps ?? {})) {
      for (const s of Array.isArray(v) ? v : [v]) {
        const src = str(table(s)?.source);
        if (src) pins.push([normalizeName(pkg), src]);
      }
    }
  }
  return { indexes, pins };
}

/** Attaches pins to the index they name (a pin to no named index is uv's error to report, not ours). */
function withPins(indexes: ProjectIndex[], pins: [string, string][]): ProjectIndex[] {
  for (const [pkg, name] of pins) {
    const ix = indexes.find((i) => i.name === name);
    if (ix && !(ix.packages ??= []).includes(pkg)) ix.packages.push(pkg);
  }
  return indexes;
}

/** The indexes a pyproject.toml names (`[tool.uv]`, `[[tool.poetry.source]]`), with their pins. */
export function projectIndexesFromPyproject(text: string, file = 'pyproject.toml'): ProjectIndex[] {
  const p = pyprojectIndexParts(text, file);
  return [...withPins(p.uv, p.uvPins), ...p.poetry];
}

export interface PyprojectIndexParts {
  /** `[tool.uv]` indexes: uv's settings, shadowed by a uv.toml in the same folder. */
  uv: ProjectIndex[];
  /** `[tool.uv.sources]` pins (package, index name), unresolved: uv looks the name up in every config file's indexes. */
  uvPins: [string, string][];
  /** Poetry sources with their pins attached (Poetry resolves a source name in its own pyproject.toml). */
  poetry: ProjectIndex[];
}

/** A pyproject.toml's index tables kept apart, for workspace facts that resolve uv pins across files. */
export function pyprojectIndexParts(text: string, file = 'pyproject.toml'): PyprojectIndexParts {
  const tool = table(tomlValue(text)?.tool);
  if (!tool) return { uv: [], uvPins: [], poetry: [] };
  const uv = table(tool.uv);
  const po = poetry(tool, file);
  return { uv: uv ? uvIndexes(uv, file, 'tool.uv.') : [], uvPins: uvPins(table(uv?.sources)), poetry: withPins(po.indexes, po.pins) };
}

/** The indexes a project uv.toml names (its top level; uv.toml holds no sources). */
export function projectIndexesFromUvToml(text: string, file = 'uv.toml'): ProjectIndex[] {
  const doc = tomlValue(text);
  return doc ? uvIndexes(doc, file, '') : [];
}
