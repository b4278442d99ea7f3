// `textDocument/hover` glue: find the dependency under the cursor in the document's current
// analysis, gather its findings and what the index cache knows, render with present/hover.
// The index is read from the cache (`peek`); a miss starts a lookup and waits at most
// HOVER_LOOKUP_DEADLINE_MS, then says "Looking up…" — the next hover has the data (house style §9).
import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver';
import type { Settings } from '../core/settings';
import type { Dependency, Position, Range } from '../core/types';
import type { WorkspaceIndex } from '../index/plan';
import { ignoredIndexNotes, indexesForDocument } from '../index/workspace-indexes';
import { uriToPath } from '../workspace/files';
import { pinnedVersionOf } from '../identify/pins';
import { resolveImport } from '../identify/import-map';
import { normalizeName } from '../identify/normalize';
import { getPopularity } from '../identify/popularity';
import { isStdlibModule } from '../identify/stdlib';
import type { IndexClient } from '../index/client';
import type { PackageFacts } from '../index/facts';
import { globMatch } from '../index/urls';
import { hoverMarkdown, toHover } from '../present/hover';
import type { Validator } from './diagnostics';
import { errorText, type Logger } from './log';

export const HOVER_LOOKUP_DEADLINE_MS = 250;
/** How long hover waits for a document's offline analysis (debounced) before giving up. */
const ANALYSIS_WAIT_MS = 1500;

export interface HoverDeps {
  validator: Validator;
  log: Logger;
  /** The analysed document a URI belongs to: a notebook cell's notebook and the cell's index. */
  locate?(uri: string): { uri: string; cell?: number };
  indexClient(settings: Settings, indexes?: readonly WorkspaceIndex[]): IndexClient | undefined;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The end is inclusive: a cursor right after the last letter still hovers the name. */
export function contains(r: Range, p: Position): boolean {
  return !before(p, r.start) && !before(r.end, p);
}

function deadline<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]);
}

async function cachedOrQuick(client: IndexClient, name: string, version: string | undefined): Promise<PackageFacts | undefined> {
  const hit = await client.peek(name, version);
  if (hit) return hit;
  // Not cached: start the lookup (its result lands in the cache for the next hover) and wait briefly.
  const lookup = client.lookup(name, { ...(version ? { version } : {}) }).catch(() => undefined);
  return deadline<PackageFacts | undefined>(lookup, HOVER_LOOKUP_DEADLINE_MS, undefined);
}

export async function provideHover(d: HoverDeps, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  try {
    const { uri, cell } = d.locate?.(params.textDocument.uri) ?? { uri: params.textDocument.uri };
    const result = d.validator.current(uri) ?? (await deadline(d.validator.request(uri), ANALYSIS_WAIT_MS, undefined));
    if (!result?.analysis || token.isCancellationRequested) return null;
    // In a notebook, ranges are cell-local: only the hovered cell's names count.
    const dep: Dependency | undefined = result.analysis.parsed.dependencies.find((x) => x.cell === cell && contains(x.range, params.position));
    if (!dep) return null;
    const workspace = result.input?.workspace;
    let distributions: string[];
    if (dep.source === 'import') {
      const top = (dep.module ?? dep.rawName).split('.')[0] ?? '';
      // Standard library and the workspace's own modules are not PyPI projects: nothing to say.
      if (isStdlibModule(top) || workspace?.firstParty.has(top)) return null;
      const r = resolveImport(dep.module ?? dep.rawName, workspace?.declared ?? new Set());
      const names = r.declaredAs ? [r.declaredAs, ...r.distributions] : r.distributions;
      distributions = [...new Set(names.map(normalizeName))];
    } else {
      distributions = [dep.name];
    }
    const findings = result.findings.filter(
      (f) => f.dependency === dep || ((f.cell ?? f.dependency?.cell) === cell && f.range.start.line === dep.range.start.line && f.range.start.character === dep.range.start.character),
    );
    const facts = new Map<string, PackageFacts | undefined>();
    const named = indexesForDocument(result.input?.workspace.projectIndexes, result.analysis.parsed.indexes, uriToPath(uri) ?? uri);
    const client = d.indexClient(result.settings, named);
    // Said in the hover too, not only the log: a lookup that skipped an index is not a clean answer.
    const notes = client && !result.settings.workspaceTrusted ? ignoredIndexNotes(named) : [];
    // A project cooldown value left out for this name (or the whole project) is said here too.
    for (const c of result.analysis.ignoredCooldown ?? []) if (c.name === undefined || distributions.includes(c.name)) notes.push(c.note);
    let lookup: 'off' | 'pending' | 'done' = client ? 'done' : 'off';
    if (client) {
      const version = dep.source === 'import' ? undefined : pinnedVersionOf(dep);
      const got = await Promise.all(distributions.slice(0, 3).map((n) => cachedOrQuick(client, n, version).catch(() => undefined)));
      distributions.slice(0, 3).forEach((n, i) => facts.set(n, got[i]));
      if (got.some((g) => !g)) lookup = 'pending';
    }
    if (token.isCancellationRequested) return null;
    const pop = getPopularity();
    // "the 15,000 most downloaded": the snapshot's deepest rank (a few rows merge under PEP 503).
    const depth = pop.entries.length > 0 ? (pop.entries[pop.entries.length - 1] as { rank: number }).rank : 0;
    const popularity = { rank: (n: string) => pop.rank(n), snapshotDate: pop.snapshotDate, size: depth };
    const globs = result.settings.index.privatePackages;
    const isPrivate = (n: string): boolean => globs.some((g) => globMatch(g, n));
    const md = hoverMarkdown({ dependency: dep, distributions, findings, facts, lookup, popularity, isPrivate, notes });
    return toHover(md, dep.range);
  } catch (e) {
    d.log.warn(`hover failed: ${errorText(e)}`);
    return null;
  }
}
