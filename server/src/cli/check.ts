// `pipwatch check`: gathers files (folders walked with scanWorkspace), builds workspace facts per
// argument, runs the engine offline and then (unless --offline) online, and reports. Reads files,
// never writes anything inside the project (the index cache lives in the platform cache dir).
import { statSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeOffline, analyzeOnline, type Analysis, type AnalysisInput } from '../assess/engine';
import { normalizeSettings, type Settings } from '../core/settings';
import type { IndexOption } from '../core/types';
import { formatFor } from '../formats/registry';
import { documentKind } from '../parse/document-kind';
import { buildWorkspaceFacts, nearestManifest, type BuiltWorkspaceFacts } from '../workspace/facts';
import { includeReader, readTextFile } from '../workspace/files';
import { isSkippedDirName, scannedFiles, scanWorkspace } from '../workspace/scan';
import type { CheckOptions } from './args';
import { failsAt } from './args';
import { discoverSystemIndexes, makeIndexClient, type CliIndexClient } from './index-client';
import { compareFileFindings, exitStatus, incompleteLines, summaryLine, textLine, toJson, type FileFinding } from './output';

export interface CheckIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** One argument's worth of files, analysed against the same workspace facts. */
interface Group {
  root: string;
  files: string[];
}

class UsageError extends Error {}

/** Manifests next to a single file and in its parent folders, up to the repository root. */
function ancestorManifests(file: string): string[] {
  const out: string[] = [];
  let dir = path.dirname(file);
  for (let depth = 0; depth < 20; depth++) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    for (const n of names) {
      if (formatFor(documentKind(n))?.declares) out.push(path.join(dir, n));
    }
    if (names.includes('.git')) break; // the repository root: manifests above it are someone else's
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

async function collect(paths: readonly string[], cwd: string, stderr: (s: string) => void): Promise<Group[]> {
  const groups: Group[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) {
      const scan = await scanWorkspace(abs);
      if (scan.truncated) stderr(`pipwatch: ${p}: too many files, only the first 20000 were checked`);
      groups.push({ root: abs, files: scannedFiles(scan) });
    } else if (documentKind(abs) === 'unknown') {
      stderr(`pipwatch: ${p}: not a requirements file, pyproject.toml or Python file; skipped`);
    } else {
      groups.push({ root: path.dirname(abs), files: [abs] });
    }
  }
  return groups;
}

async function factsFor(group: Group): Promise<BuiltWorkspaceFacts> {
  const inputs: { path: string; text: string }[] = [];
  const extra = group.files.length === 1 ? ancestorManifests(group.files[0] as string) : [];
  const seen = new Set<string>();
  for (const f of [...group.files, ...extra]) {
    if (seen.has(f)) continue;
    seen.add(f);
    const parts = path.relative(group.root, f).split(path.sep);
    if (parts.some((s) => isSkippedDirName(s))) continue;
    const r = await readTextFile(f);
    if (!r.ok) continue; // reported when the file itself is analysed
    // Python files matter for facts only through a PEP 723 block; keep memory flat otherwise.
    const text = documentKind(f) === 'python' && !r.text.includes('# /// script') ? '' : r.text;
    inputs.push({ path: f, text });
  }
  return buildWorkspaceFacts(group.root, inputs);
}

interface Checked {
  path: string;
  input: AnalysisInput;
  analysis: Analysis;
}

function workspaceIndexes(all: readonly Checked[]): IndexOption[] {
  return all.flatMap((c) => c.analysis.parsed.indexes).filter((i) => i.kind === 'index-url' || i.kind === 'extra-index-url');
}

export function cliSettings(o: CheckOptions): Settings {
  return normalizeSettings({
    offline: o.offline,
    workspaceTrusted: o.trustWorkspaceIndexes,
    ...(o.cooldownDays !== undefined ? { releaseAge: { cooldownDays: o.cooldownDays } } : {}),
    index: {
      ...(o.indexUrl ? { url: o.indexUrl } : {}),
      extraUrls: o.extraIndexUrls,
      ...(o.osvUrl ? { osvUrl: o.osvUrl } : {}),
      osvEnabled: !o.noOsv,
    },
  });
}

/** Runs a check and returns the exit status (0, 1, 2 or 3: see USAGE). */
export async function runCheck(o: CheckOptions, io: CheckIo): Promise<number> {
  const settings = cliSettings(o);
  let groups: Group[];
  try {
    groups = await collect(o.paths, io.cwd, io.stderr);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pipwatch: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const log = (m: string): void => io.stderr(m);
  const readFile = includeReader();
  const checked: Checked[] = [];
  const seenFiles = new Set<string>();
  for (const g of groups) {
    const facts = await factsFor(g);
    for (const file of g.files) {
      if (seenFiles.has(file)) continue;
      seenFiles.add(file);
      const r = await readTextFile(file);
      const rel = path.relative(io.cwd, file) || path.basename(file);
      if (!r.ok) {
        io.stderr(`pipwatch: ${rel}: ${r.reason}`);
        continue;
      }
      const near = nearestManifest(file, facts.manifests);
      const input: AnalysisInput = {
        uri: file,
        text: r.text,
        settings,
        workspace: { declared: facts.declared, firstParty: facts.firstParty, ...(near ? { nearestManifest: { uri: near.path, kind: near.kind } } : {}) },
        readFile,
        log,
      };
      checked.push({ path: rel, input, analysis: analyzeOffline(input) });
    }
  }

  const results: FileFinding[] = [];
  let client: CliIndexClient | undefined;
  if (!o.offline && checked.some((c) => c.analysis.lookups.length > 0)) {
    const wsIndexes = workspaceIndexes(checked);
    if (wsIndexes.length > 0 && !o.trustWorkspaceIndexes) {
      io.stderr(`pipwatch: ignoring ${wsIndexes.length} index URL(s) named in the checked files (pass --trust-workspace-indexes to use them)`);
    }
    const discovered = discoverSystemIndexes((m) => io.stderr(`pipwatch: ${m}`));
    client = makeIndexClient(settings, o.cacheDir, o.trustWorkspaceIndexes ? wsIndexes : [], discovered);
    // Not the default (PyPI only): say which indexes are asked and where each came from (redacted).
    for (const line of client.client.describeIndexes()) io.stderr(`pipwatch: ${line}`);
  }
  // A few files at a time: the client bounds the requests; this bounds the memory of pending work.
  const queue = [...checked];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const findings = client ? await analyzeOnline(c.analysis, c.input, client.client) : c.analysis.findings;
      for (const f of findings) results.push({ path: c.path, finding: f });
    }
  };
  await Promise.all(Array.from({ length: client ? 8 : 1 }, worker));
  let incomplete = false;
  if (client) {
    const report = client.incomplete();
    for (const line of incompleteLines(report)) io.stderr(line);
    incomplete = report.groups.length > 0;
    await client.close();
  }

  results.sort(compareFileFindings);
  if (o.format === 'json') io.stdout(JSON.stringify(results.map(toJson), null, 2));
  else for (const r of results) io.stdout(textLine(r));
  io.stderr(summaryLine(results, checked.length));
  return exitStatus(results.some((r) => failsAt(r.finding.severity, o.failOn)), incomplete, o.allowIncomplete);
}
