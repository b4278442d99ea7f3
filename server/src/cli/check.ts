// `pipwatch check`: gathers files (folders walked with scanWorkspace), builds workspace facts per
// argument, runs the engine offline and then (unless --offline) online, and reports. Reads files,
// never writes anything inside the project (the index cache lives in the platform cache dir).
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeOffline, analyzeOnline, notReadFinding, type Analysis, type AnalysisInput } from '../assess/engine';
import { normalizeSettings, type Settings } from '../core/settings';
import type { WorkspaceIndex } from '../index/plan';
import { documentIndexes, fromProject, ignoredIndexNotes } from '../index/workspace-indexes';
import { documentKind } from '../parse/document-kind';
import { FactsBuilder, type BuiltWorkspaceFacts } from '../workspace/facts';
import { nearestManifest } from '../workspace/manifests';
import { includeReader, readableReason, readTextFile, type ReadResult } from '../workspace/files';
import { projectRoot } from '../workspace/project-root';
import { includedFiles } from '../workspace/included';
import { isSkippedDirName, scannedFiles, scanWorkspace, sniffFile } from '../workspace/scan';
import type { CheckOptions } from './args';
import { failsAt } from './args';
import { discoverSystemIndexes, makeIndexClient, type CliIndexClient } from './index-client';
import type { IncompleteReport } from '../index/client';
import { anyIncomplete, compareFileFindings, exitStatus, incompleteLines, summaryLine, textLine, toJson, type FileFinding } from './output';

export interface CheckIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Reads standard input (for the `-` path); absent = no stdin available. */
  stdin?: () => Promise<string>;
}

/** One argument's worth of files, analysed against the facts of their project root. */
interface Group {
  root: string;
  files: string[];
  /** Files analysed as requirements whatever their name: `-r`/`-c` targets (issue 7 §2). */
  included: Set<string>;
}

/**
 * `-r`/`-c` targets, inside the folder, that no name pattern knows, of the files under it: of
 * requirements files and of every other file whose format has includes (workspace/included.ts).
 */
function includedUnder(root: string, files: readonly string[], known: ReadonlySet<string>): string[] {
  const inside = (f: string): boolean => !path.relative(root, f).split(path.sep).some((s) => s === '..' || isSkippedDirName(s));
  const from = files.filter((f) => documentKind(f) !== 'python');
  return includedFiles(from, includeReader(), (f) => known.has(f), root).filter(inside);
}

/**
 * An explicit path of unknown name that pip would read as requirements: one a requirements file
 * of its project includes, or any `.txt`/`.in` file (the user named it: it is a requirements file).
 */
async function explicitRequirements(abs: string): Promise<boolean> {
  if (/\.(txt|in)$/i.test(abs)) return true;
  const root = projectRoot(path.dirname(abs));
  const scan = await scanWorkspace(root);
  const files = scannedFiles(scan);
  return includedUnder(root, files, new Set(files)).includes(abs);
}

/** Text read from stdin for `-`, under the path `--stdin-filename` gives it. */
interface StdinFile {
  path: string;
  display: string;
  text: string;
}

class UsageError extends Error {}

/** Thrown by a stdin reader past the file size cap (MAX_FILE_BYTES): reported as a usage error. */
export class StdinTooLarge extends UsageError {
  constructor() {
    super('standard input is larger than 5 MB');
  }
}

/** Where `-` lives: `--stdin-filename` (relative to cwd), else a requirements.txt in cwd. */
export function stdinPath(o: CheckOptions, cwd: string): string {
  return path.resolve(cwd, o.stdinFilename ?? 'requirements.txt');
}

async function collect(o: CheckOptions, cwd: string, stderr: (s: string) => void, notChecked: { count: number }): Promise<Group[]> {
  const groups: Group[] = [];
  for (const p of o.paths) {
    if (p === '-') {
      const file = stdinPath(o, cwd);
      if (documentKind(file) === 'unknown') throw new UsageError(`--stdin-filename ${o.stdinFilename}: not a requirements file, pyproject.toml or Python file name`);
      groups.push({ root: projectRoot(path.dirname(file)), files: [file], included: new Set() });
      continue;
    }
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
      for (const u of scan.unreadable ?? []) {
        stderr(`pipwatch: ${path.relative(cwd, u.path) || '.'}: not checked: ${u.reason}`);
        notChecked.count++;
      }
      const files = scannedFiles(scan);
      // `-r deps/prod.txt`: pip installs what it names, so it is checked whatever its name.
      const included = includedUnder(abs, files, new Set(files));
      groups.push({ root: projectRoot(abs), files: [...files, ...included], included: new Set(included) });
    } else if (documentKind(abs) !== 'unknown' || (await sniffFile(abs)) !== 'unknown') {
      groups.push({ root: projectRoot(path.dirname(abs)), files: [abs], included: new Set() });
    } else if (await explicitRequirements(abs)) {
      groups.push({ root: projectRoot(path.dirname(abs)), files: [abs], included: new Set([abs]) });
    } else {
      stderr(`pipwatch: ${p}: not a file Pipwatch reads (see the formats table in the README); skipped`);
      notChecked.count++;
    }
  }
  return groups;
}

/** Reads a file for the check: the stdin text for the `-` path, else the disk. */
function reader(stdin: StdinFile | undefined): (file: string) => Promise<ReadResult> {
  return (file) => (stdin && file === stdin.path ? Promise.resolve({ ok: true, text: stdin.text }) : readTextFile(file));
}

/**
 * Facts of a project root: every manifest and Python file under it (the same walk `check <root>`
 * does) plus the checked files themselves, so a file's result does not depend on how it was named.
 */
async function rootFacts(
  root: string,
  checked: readonly string[],
  included: ReadonlySet<string>,
  read: (f: string) => Promise<ReadResult>,
  stderr: (s: string) => void,
): Promise<BuiltWorkspaceFacts> {
  const scan = await scanWorkspace(root);
  if (scan.truncated) stderr(`pipwatch: project root ${root}: too many files, workspace facts come from the first 20000`);
  const builder = new FactsBuilder(root);
  const files = scannedFiles(scan);
  // What included files declare counts too, whether or not they are checked themselves.
  const inc = new Set([...included, ...includedUnder(root, files, new Set(files))]);
  // Installer config files (uv.toml, poetry.toml, pip.conf) feed facts (cooldown), never findings.
  for (const f of new Set([...files, ...(scan.configs ?? []), ...inc, ...checked])) {
    const r = await read(f);
    if (!r.ok) continue; // reported when the file itself is analysed
    // Python files matter for facts only through a PEP 723 block; keep memory flat otherwise.
    builder.set(f, documentKind(f) === 'python' && !r.text.includes('# /// script') ? '' : r.text, inc.has(f) ? 'requirements' : undefined);
  }
  return builder.facts();
}

interface Checked {
  path: string;
  input: AnalysisInput;
  analysis: Analysis;
}

/**
 * Index URLs the checked files and their projects name: each file's `-i` / `--extra-index-url`,
 * and every project root's pyproject.toml / uv.toml indexes (with pins), which apply to all files
 * of that project — a uv.lock checked alone is still looked up where uv would look.
 */
function workspaceIndexes(all: readonly Checked[], roots: Iterable<BuiltWorkspaceFacts>): WorkspaceIndex[] {
  return [...[...roots].flatMap((f) => fromProject(f.projectIndexes)), ...all.flatMap((c) => documentIndexes(c.analysis.parsed.indexes, c.path))];
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

export function cliSettings(o: CheckOptions): Settings {
  return normalizeSettings({
    offline: o.offline,
    workspaceTrusted: o.trustWorkspaceIndexes,
    ...(o.cooldownDays !== undefined ? { releaseAge: { cooldownDays: o.cooldownDays } } : {}),
    index: {
      ...(o.indexUrl ? { url: o.indexUrl } : {}),
      extraUrls: o.extraIndexUrls,
      privatePackages: o.privatePackages,
      ...(o.osvUrl ? { osvUrl: o.osvUrl } : {}),
      osvEnabled: !o.noOsv,
    },
  });
}

/** Runs a check and returns the exit status (0, 1, 2 or 3: see USAGE). */
export async function runCheck(o: CheckOptions, io: CheckIo): Promise<number> {
  const settings = cliSettings(o);
  let groups: Group[];
  let stdin: StdinFile | undefined;
  const notChecked = { count: 0 };
  try {
    groups = await collect(o, io.cwd, io.stderr, notChecked);
    if (o.paths.includes('-')) {
      if (!io.stdin) throw new UsageError('standard input is not available');
      const file = stdinPath(o, io.cwd);
      stdin = { path: file, display: o.stdinFilename ?? '-', text: await io.stdin() };
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pipwatch: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const read = reader(stdin);
  const factsByRoot = new Map<string, BuiltWorkspaceFacts>();
  const allChecked = groups.flatMap((g) => g.files);
  const log = (m: string): void => io.stderr(m);
  const readFile = includeReader();
  const checked: Checked[] = [];
  const unread: FileFinding[] = [];
  const seenFiles = new Set<string>();
  const cooldownNotes = new Set<string>();
  for (const g of groups) {
    let facts = factsByRoot.get(g.root);
    if (!facts) {
      facts = await rootFacts(g.root, allChecked.filter((f) => isInside(g.root, f)), new Set(groups.flatMap((x) => [...x.included])), read, io.stderr);
      factsByRoot.set(g.root, facts);
    }
    for (const file of g.files) {
      if (seenFiles.has(file)) continue;
      seenFiles.add(file);
      const r = await read(file);
      const rel = stdin?.path === file ? stdin.display : path.relative(io.cwd, file) || path.basename(file);
      if (!r.ok) {
        // Said on stderr and as a PW001 finding (so JSON consumers and --fail-on see it too), as
        // the editor shows a file too large to check: a file not read is not a clean file.
        io.stderr(`pipwatch: ${rel}: ${r.reason}`);
        notChecked.count++;
        const finding = notReadFinding(settings, readableReason(r.reason));
        if (finding) unread.push({ path: rel, finding });
        continue;
      }
      const near = nearestManifest(file, facts.manifests);
      const input: AnalysisInput = {
        uri: file,
        text: r.text,
        settings,
        workspace: {
          declared: facts.declared,
          firstParty: facts.firstParty,
          ...(g.included.has(file) ? { kindHint: 'requirements' as const } : {}),
          ...(facts.cooldown ? { cooldown: facts.cooldown } : {}),
          ...(near ? { nearestManifest: { uri: near.path, kind: near.kind } } : {}),
        },
        readFile,
        log,
      };
      const analysis = analyzeOffline(input);
      // A project cooldown left out (untrusted) is a visible fact, once per value (issue 9 follow-up).
      for (const c of analysis.ignoredCooldown ?? []) {
        if (cooldownNotes.has(c.note)) continue;
        cooldownNotes.add(c.note);
        io.stderr(`pipwatch: ${c.note} (pass --trust-workspace to use it)`);
      }
      checked.push({ path: rel, input, analysis });
    }
  }

  const results: FileFinding[] = [...unread];
  let client: CliIndexClient | undefined;
  if (!o.offline && checked.some((c) => c.analysis.lookups.length > 0)) {
    const wsIndexes = workspaceIndexes(checked, factsByRoot.values());
    // Every index not used is a visible fact, named with the file that names it (issue 10 §1).
    if (!o.trustWorkspaceIndexes) for (const note of ignoredIndexNotes(wsIndexes)) io.stderr(`pipwatch: ${note} (pass --trust-workspace to use it)`);
    const discovered = discoverSystemIndexes((m) => io.stderr(`pipwatch: ${m}`));
    client = makeIndexClient(settings, o.cacheDir, o.trustWorkspaceIndexes ? wsIndexes : [], discovered, io.stderr);
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
  let report: IncompleteReport | undefined;
  if (client) {
    report = client.incomplete();
    for (const line of incompleteLines(report)) io.stderr(line);
    await client.close();
  }
  const incomplete = !!client && anyIncomplete(report, results);

  results.sort(compareFileFindings);
  if (o.format === 'json') io.stdout(JSON.stringify(results.map(toJson), null, 2));
  else for (const r of results) io.stdout(textLine(r));
  io.stderr(summaryLine(results, checked.length, notChecked.count));
  return exitStatus(results.some((r) => failsAt(r.finding.severity, o.failOn)), incomplete, o.allowIncomplete);
}
