// Fuzz cases for analyzeOffline (issue 8, "Measure after"): deterministic by (seed, index), so a
// failure can be replayed and a restarted worker can resume at any case. Sources: mutations of the
// real-projects manifests (read in place from ../shared/data/real-projects, never copied), random
// bytes, deep nesting and huge lines, fed to every parser the engine knows (document-kind.ts).
// Shared by bench/fuzz.ts (many files, per-file timeout) and test/unit/fuzz.test.ts (a bounded subset).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeOffline } from '../server/src/assess/engine';
import type { WorkspaceFacts } from '../server/src/assess/rule';
import { normalizeSettings } from '../server/src/core/settings';
import { documentKind } from '../server/src/parse/document-kind';
import { LineIndex } from '../server/src/parse/text';

export interface FuzzCase {
  index: number;
  /** How it was made, for the report: `mutate:<file>`, `bytes`, `deep:<template>`, `huge-line`. */
  origin: string;
  uri: string;
  text: string;
}

export interface FuzzResult {
  ms: number;
  /** Why this counts as a crash (a throw, a parser or rule failure, an out-of-bounds range). */
  crash?: string;
}

/** One file name per format; formats the engine does not know (yet) are dropped at run time. */
const CANDIDATE_URIS = [
  'requirements.txt', 'requirements-dev.in', 'constraints.txt', 'pyproject.toml', 'app.py', 'script.py',
  'uv.lock', 'poetry.lock', 'pdm.lock', 'pylock.toml', 'Pipfile', 'Pipfile.lock', 'setup.cfg', 'setup.py',
  'environment.yml', 'Dockerfile', 'README.md', 'install.sh', 'Makefile', 'tox.ini', 'notebook.ipynb',
  '.github/workflows/ci.yml', '.pre-commit-config.yaml', 'uv.toml', 'pip.conf',
];

export function formatUris(): string[] {
  return CANDIDATE_URIS.map((u) => `file:///fuzz/${u}`).filter((u) => {
    try {
      return documentKind(u) !== 'unknown';
    } catch {
      return false;
    }
  });
}

/** Real manifests (path + text), read in place; empty when ../shared is absent. */
export function realCorpus(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  const out: { file: string; text: string }[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'MANIFEST.tsv' && statSync(p).size < 2_000_000) out.push({ file: path.relative(dir, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** xorshift32: small, fast, deterministic. */
export class Rng {
  private x: number;
  constructor(seed: number) {
    this.x = (seed >>> 0) || 0x9e3779b9;
    for (let i = 0; i < 4; i++) this.next();
  }
  next(): number {
    let x = this.x;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.x = x >>> 0;
    return this.x;
  }
  int(n: number): number {
    return this.next() % Math.max(1, n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/** Characters that matter to some parser: brackets, quotes, markers, separators, BOM, surrogates. */
const SPICY = [...'[]{}()"\'\\#=;,@<>!~*:|&$`\n\r\t ', '\u0000', '\uFEFF', '\uD800', '\u2028', '"""', "'''", '# ///', '# /// script', '-r ', '--hash=sha256:', ' @ ', '[[', ']]', 'import ', 'from ', 'try:', 'except ImportError:', '\\\n'];

function mutate(text: string, rng: Rng): string {
  let t = text;
  const steps = 1 + rng.int(8);
  for (let s = 0; s < steps; s++) {
    const at = rng.int(t.length + 1);
    switch (rng.int(9)) {
      case 0: // replace one character
        t = t.slice(0, at) + rng.pick(SPICY) + t.slice(at + 1);
        break;
      case 1: // insert
        t = t.slice(0, at) + rng.pick(SPICY) + t.slice(at);
        break;
      case 2: // delete a range
        t = t.slice(0, at) + t.slice(at + rng.int(200));
        break;
      case 3: { // duplicate a range
        const len = rng.int(400);
        t = t.slice(0, at) + t.slice(at, at + len) + t.slice(at);
        break;
      }
      case 4: { // nest
        const k = rng.pick([10, 50, 120, 2000]);
        const [o, c] = rng.pick([['[', ']'], ['{', '}'], ['(', ')'], ['{a=', '}']]);
        t = t.slice(0, at) + o!.repeat(k) + (rng.int(2) ? c!.repeat(k) : '') + t.slice(at);
        break;
      }
      case 5: // a long run
        t = t.slice(0, at) + rng.pick(['a', '-', ' ', '\\', '[', '"', '=']).repeat(1000 + rng.int(50_000)) + t.slice(at);
        break;
      case 6: { // swap two lines
        const lines = t.split('\n');
        const i = rng.int(lines.length);
        const j = rng.int(lines.length);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        t = lines.join('\n');
        break;
      }
      case 7: // truncate
        t = t.slice(0, at);
        break;
      default: // a random byte as a code unit
        t = t.slice(0, at) + String.fromCharCode(rng.int(0x10000)) + t.slice(at);
    }
  }
  return t;
}

function randomBytes(n: number, rng: Rng): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.next() & 0xff;
  return b;
}

/** Deep-nesting templates, one per parser family. */
function deep(rng: Rng, maxDepth: number): { name: string; text: string; file: string } {
  const n = rng.pick([100, 101, 1000, 5000, 20_000].filter((d) => d <= maxDepth));
  const br = (o: string, c: string) => o.repeat(n) + c.repeat(n);
  return rng.pick([
    { name: 'toml-array', file: 'pyproject.toml', text: `[project]\ndependencies = ["reqeusts"]\n[tool.x]\na = ${br('[', ']')}\n` },
    { name: 'toml-inline', file: 'pyproject.toml', text: `[project]\ndependencies = ["reqeusts"]\n[tool.x]\na = ${br('{b=', '}')}\n` },
    { name: 'toml-unclosed', file: 'pyproject.toml', text: `[project]\ndependencies = ["reqeusts", ${'['.repeat(n)}\n` },
    { name: 'pep723', file: 'script.py', text: `# /// script\n# dependencies = ["reqeusts"]\n# x = ${br('[', ']')}\n# ///\nimport os\n` },
    { name: 'marker', file: 'requirements.txt', text: `reqeusts\nflask ; ${br('(', ')')}\n` },
    { name: 'extras', file: 'requirements.txt', text: `flask[${'['.repeat(n)}]\n` },
    { name: 'python-brackets', file: 'app.py', text: `import reqeusts\nx = ${br('[', ']')}\n` },
    { name: 'python-calls', file: 'app.py', text: `import reqeusts\nx = ${'f('.repeat(Math.min(n, 5000))}${')'.repeat(Math.min(n, 5000))}\n` },
    { name: 'python-blocks', file: 'app.py', text: `import reqeusts\n${Array.from({ length: Math.min(n, 1000) }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')}${' '.repeat(Math.min(n, 1000))}import flask\n` },
    { name: 'json', file: 'Pipfile.lock', text: br('[', ']') },
    { name: 'yaml', file: 'environment.yml', text: `dependencies:\n  - ${br('[', ']')}\n` },
  ]);
}

export interface CaseOptions {
  seed: number;
  corpus: readonly { file: string; text: string }[];
  uris: readonly string[];
  /** Deepest nesting generated (the unit subset keeps it small to stay fast). */
  maxDepth?: number;
  /** Longest random-bytes file. */
  maxBytes?: number;
}

/** Case `index` of the run: depends only on (seed, index), never on earlier cases. */
export function caseAt(index: number, o: CaseOptions): FuzzCase {
  const rng = new Rng((o.seed * 1_000_003 + index * 7919) >>> 0);
  const anyUri = (): string => rng.pick(o.uris);
  const roll = rng.int(100);
  if (roll < 60 && o.corpus.length > 0) {
    const src = rng.pick(o.corpus);
    const own = `file:///fuzz/${path.basename(src.file)}`;
    // Mostly through the parser of its own kind; sometimes through another one.
    const uri = rng.int(4) === 0 || !o.uris.includes(own) ? anyUri() : own;
    return { index, origin: `mutate:${src.file}`, uri, text: mutate(src.text, rng) };
  }
  if (roll < 75) {
    const b = randomBytes(1 + rng.int(o.maxBytes ?? 64 * 1024), rng);
    return { index, origin: 'bytes', uri: anyUri(), text: rng.int(2) ? b.toString('utf8') : b.toString('latin1') };
  }
  if (roll < 90) {
    const d = deep(rng, o.maxDepth ?? 20_000);
    const uri = o.uris.includes(`file:///fuzz/${d.file}`) ? `file:///fuzz/${d.file}` : anyUri();
    return { index, origin: `deep:${d.name}`, uri, text: d.text };
  }
  const base = o.corpus.length > 0 ? rng.pick(o.corpus).text : 'requests==2.31.0\nflask\n';
  const line = rng.pick(['requests', 'x = ', '# ', 'a = "', '-r ', 'import ']) + rng.pick(['a', '[', ' ', '\\', 'é']).repeat(100_000 + rng.int(300_000));
  const at = base.indexOf('\n', rng.int(base.length));
  return { index, origin: 'huge-line', uri: anyUri(), text: at < 0 ? `${base}\n${line}` : `${base.slice(0, at + 1)}${line}\n${base.slice(at + 1)}` };
}

const WS: WorkspaceFacts = { declared: new Set(), firstParty: new Set() };
const SETTINGS = normalizeSettings({});
/** Log lines that mean something failed inside the engine (it caught it, but it is a bug). */
const FAILURE_LOG = /failed|cannot tell the kind/;
/** The engine's safety net (engine.ts failedParse): a parser threw. */
const NET = /could not be fully analysed: (?:nesting too deep$|the parser failed)/;
/** A stack overflow reported as a parse problem: the file lost its findings (issue 8 §8). */
const OVERFLOW = /^invalid TOML: (?:Maximum call stack|too much recursion)/;

/** Analyses one case; never throws. */
export function runCase(c: FuzzCase): FuzzResult {
  const logs: string[] = [];
  const t0 = performance.now();
  try {
    const a = analyzeOffline({ uri: c.uri, text: c.text, settings: SETTINGS, workspace: WS, log: (m) => logs.push(m) });
    const ms = performance.now() - t0;
    const bad = logs.find((l) => FAILURE_LOG.test(l));
    if (bad) return { ms, crash: bad.slice(0, 200) };
    const net = a.findings.find((f) => NET.test(f.message) || OVERFLOW.test(f.message));
    if (net) return { ms, crash: net.message };
    const idx = new LineIndex(c.text.charCodeAt(0) === 0xfeff ? c.text.slice(1) : c.text);
    for (const f of a.findings) {
      const r = f.range;
      if (r.start.line < 0 || r.end.line >= idx.lineCount || r.start.character < 0 || r.end.character < 0) {
        return { ms, crash: `${f.code} range out of bounds: ${JSON.stringify(r)} (${idx.lineCount} lines)` };
      }
    }
    return { ms };
  } catch (e) {
    return { ms: performance.now() - t0, crash: `threw: ${(e as Error)?.stack ?? String(e)}`.slice(0, 300) };
  }
}
