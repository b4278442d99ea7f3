// Install commands -> the requirement names they install, with exact source offsets. Pure: text
// in, offsets out; the surfaces (Markdown, Dockerfile, CI YAML, notebooks…) decide which parts of
// a file are shell and map the offsets to positions. Option tables follow each tool's reference:
// pip https://pip.pypa.io/en/stable/cli/pip_install/, uv https://docs.astral.sh/uv/reference/cli/,
// Poetry https://python-poetry.org/docs/cli/#add, pipx https://pipx.pypa.io/stable/docs/,
// PDM https://pdm-project.org/en/latest/reference/cli/#add. An option this table does not know is
// taken as a flag: at worst its value is read as a name, which the name rules then judge.
import { isDirectReference } from './requirements';
import { parseRequirementString, type ParsedRequirement } from './pep508';
import { shellTokens, simpleCommands, wordSpan } from './shell-words';
import type { Word } from './shell-words';

/** A requirement named by an install command: PEP 508 offsets as parsed, plus the tool that names it. */
export interface CommandRequirement extends ParsedRequirement {
  /** The command that names it, e.g. `pip install`, `uv add`, `uvx`. */
  command: string;
  /** The program as typed, e.g. `pip3`, `python3 -m pip`, `uv` (what an uninstall command reuses). */
  runner: string;
}

export interface CommandInclude {
  kind: 'requirement' | 'constraint';
  target: string;
  start: number;
  end: number;
}

export interface CommandIndex {
  kind: 'index-url' | 'extra-index-url' | 'find-links' | 'no-index';
  url: string;
  start: number;
  end: number;
}

export interface CommandProblem {
  start: number;
  end: number;
  message: string;
}

export interface InstallCommands {
  requirements: CommandRequirement[];
  includes: CommandInclude[];
  indexes: CommandIndex[];
  problems: CommandProblem[];
  /** Every installer command recognised, in order, even one that names no package (`pip install -r x`). */
  runs?: { command: string; runner: string }[];
}

/** What an option does with its value. */
type Role = 'name' | 'include' | 'constraint' | 'index-url' | 'extra-index-url' | 'find-links' | 'value';

interface Tool {
  /** Options that take a value, with what the value is. */
  values: Record<string, Role>;
  /** Which positionals are requirements: all, only the first, or none. */
  positionals: 'all' | 'first' | 'none';
  /** The first positional is a program whose own arguments follow (`uvx`, `uv run`, `pipx run`). */
  stopAtPositional?: boolean;
}

const PIP_VALUES: Record<string, Role> = {
  '-r': 'include', '--requirement': 'include', '-c': 'constraint', '--constraint': 'constraint',
  '-e': 'value', '--editable': 'value', '-i': 'index-url', '--index-url': 'index-url',
  '--extra-index-url': 'extra-index-url', '-f': 'find-links', '--find-links': 'find-links',
  '-t': 'value', '--target': 'value', '--platform': 'value', '--python-version': 'value',
  '--implementation': 'value', '--abi': 'value', '--root': 'value', '--prefix': 'value', '--src': 'value',
  '--upgrade-strategy': 'value', '-C': 'value', '--config-settings': 'value', '--global-option': 'value',
  '--install-option': 'value', '--no-binary': 'value', '--only-binary': 'value', '--progress-bar': 'value',
  '--root-user-action': 'value', '--report': 'value', '--trusted-host': 'value', '--log': 'value',
  '--log-file': 'value', '--proxy': 'value', '--retries': 'value', '--timeout': 'value',
  '--exists-action': 'value', '--cert': 'value', '--client-cert': 'value', '--cache-dir': 'value',
  '--use-feature': 'value', '--use-deprecated': 'value', '--python': 'value', '--keyring-provider': 'value',
  '--group': 'value', '-d': 'value', '--dest': 'value', '-w': 'value', '--wheel-dir': 'value',
  '--build-dir': 'value', '--download': 'value',
};

// uv shares pip's spellings under `uv pip` and adds its own; the same table serves `uv add`.
const UV_VALUES: Record<string, Role> = {
  ...PIP_VALUES,
  '--index': 'extra-index-url', '--default-index': 'index-url', '-p': 'value', '--python': 'value',
  '--group': 'value', '--optional': 'value', '--extra': 'value', '--package': 'value', '--tag': 'value',
  '--branch': 'value', '--rev': 'value', '--bounds': 'value', '--directory': 'value', '--project': 'value',
  '--script': 'value', '--constraints': 'constraint', '--overrides': 'value', '--override': 'value',
  '-m': 'value', '--marker': 'value', '--index-strategy': 'value', '--resolution': 'value',
  '--prerelease': 'value', '--exclude-newer': 'value', '--link-mode': 'value', '--compile-bytecode': 'value',
  '--config-file': 'value', '--color': 'value', '--with': 'name', '--with-editable': 'value',
  '--with-requirements': 'include', '--from': 'name', '--with-executables-from': 'name', '--env-file': 'value', '--reinstall-package': 'value',
  '--upgrade-package': 'value', '-P': 'value', '--no-binary-package': 'value', '--no-build-package': 'value',
  '--refresh-package': 'value', '--torch-backend': 'value', '--build-constraints': 'value', '-b': 'value',
  '--cache-dir': 'value', '--allow-insecure-host': 'value',
};

const POETRY_VALUES: Record<string, Role> = {
  '-G': 'value', '--group': 'value', '-E': 'value', '--extras': 'value', '--source': 'value',
  '--python': 'value', '--platform': 'value', '--markers': 'value', '-C': 'value', '--directory': 'value',
  '-P': 'value', '--project': 'value',
};

const PIPX_VALUES: Record<string, Role> = {
  '--spec': 'name', '--python': 'value', '--suffix': 'value', '--pip-args': 'value', '--index-url': 'index-url',
  '-i': 'index-url', '--preinstall': 'name', '--editable': 'value', '-e': 'value', '--global': 'value',
};

const PDM_VALUES: Record<string, Role> = {
  '-G': 'value', '--group': 'value', '-p': 'value', '--project': 'value', '-L': 'value', '--lockfile': 'value',
  '-S': 'value', '--strategy': 'value', '--update-strategy': 'value', '-e': 'value', '--editable': 'value',
  '--venv': 'value', '-k': 'value', '--skip': 'value', '--config-setting': 'value',
};

const PIP: Tool = { values: PIP_VALUES, positionals: 'all' };

/** True for `python`, `python3`, `python3.12`, `py`, `pythonw`, `/usr/bin/python3`, `python.exe`, `$PYTHON`. */
function isPython(w: Word): boolean {
  if (w.dynamic) return /^\$[({]?\{?(PYTHON\d*|PY)\}?[)}]?$/i.test(w.value);
  const base = basename(w.value).replace(/\.exe$/i, '');
  return /^(python(\d+(\.\d+)?)?w?|py|pypy\d*(\.\d+)?)$/i.test(base);
}

function isPip(w: Word): boolean {
  if (w.dynamic) return /^\$[({]?\{?PIP\d*\}?[)}]?$/i.test(w.value);
  return /^pip(\d+(\.\d+)?)?(\.exe)?$/i.test(basename(w.value));
}

function basename(s: string): string {
  const m = /[^/\\]*$/.exec(s);
  return m ? m[0] : s;
}

// Words before the program that do not change it: `sudo -H`, `env FOO=1`, shell keywords,
// notebook magics (`%pip`, `!pip`) are handled on the program word itself.
const PREFIX_WORDS = new Set(['sudo', 'doas', 'env', 'time', 'exec', 'command', 'builtin', 'nohup', 'nice', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', 'xargs']);
const SUDO_VALUE_OPTS = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-n']);

function isAssignment(w: Word): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value);
}

/** The words after env assignments, `sudo` & co. and a notebook `!`/`%` prefix. */
function program(words: Word[]): Word[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i] as Word;
    if (isAssignment(w)) {
      i++;
    } else if (!w.dynamic && PREFIX_WORDS.has(w.value)) {
      const isSudo = w.value === 'sudo' || w.value === 'doas';
      i++;
      while (i < words.length && (words[i] as Word).value.startsWith('-')) {
        const o = (words[i] as Word).value;
        i += isSudo && SUDO_VALUE_OPTS.has(o) && o !== '-n' ? 2 : 1;
      }
    } else break;
  }
  const rest = words.slice(i);
  const first = rest[0];
  // IPython `%pip install x` and `!pip install x` (https://ipython.readthedocs.io/en/stable/interactive/magics.html#magic-pip).
  if (first && /^[%!]/.test(first.value) && first.value.length > 1) {
    rest[0] = { ...first, value: first.value.replace(/^[%!]+/, ''), offsets: first.offsets.slice(first.value.length - first.value.replace(/^[%!]+/, '').length) };
  }
  return rest;
}

/** Index of the first argument after `python … -m pip`, or -1. Interpreter options may precede `-m`. */
function afterPythonMPip(words: Word[], at: number): number {
  for (let i = at; i < words.length; i++) {
    const v = (words[i] as Word).value;
    if (v === '-m') return isPip(words[i + 1] ?? ({ value: '', offsets: [], start: 0, end: 0, dynamic: false } as Word)) ? i + 2 : -1;
    if (v.startsWith('-m') && v.length > 2) return /^-mpip\d*$/.test(v) ? i + 1 : -1;
    if (!v.startsWith('-')) return -1;
    if (v === '-X' || v === '-W') i++;
  }
  return -1;
}

interface Recognised {
  tool: Tool;
  command: string;
  args: Word[];
  runner?: string;
}

/** Which installer a simple command runs, and its arguments; undefined when none. */
function recognise(cmd: Word[]): Recognised | undefined {
  const words = program(cmd);
  const prog = words[0];
  if (!prog) return undefined;
  let rest: Word[] | undefined;
  let via = '';
  if (isPip(prog)) {
    rest = words.slice(1);
    via = 'pip';
  } else if (isPython(prog)) {
    // `py -3.12 -m pip`: the launcher's version switch comes first.
    const at = afterPythonMPip(words, 1);
    if (at < 0) return undefined;
    rest = words.slice(at);
    via = 'python -m pip';
  }
  if (rest) {
    const sub = subcommand(rest, PIP_VALUES);
    if (sub && (sub.name === 'install' || sub.name === 'download' || sub.name === 'wheel')) {
      const runner = words.slice(0, words.length - rest.length).map((w) => w.value).join(' ');
      return { tool: PIP, command: `${via} ${sub.name}`, args: sub.args, runner };
    }
    return undefined;
  }
  if (prog.dynamic) return undefined;
  const name = basename(prog.value).replace(/\.exe$/i, '');
  const args = words.slice(1);
  switch (name) {
    case 'uv': {
      const sub = subcommand(args, UV_VALUES);
      if (!sub) return undefined;
      if (sub.name === 'pip') {
        const s2 = subcommand(sub.args, UV_VALUES);
        if (s2 && (s2.name === 'install' || s2.name === 'compile' || s2.name === 'sync')) {
          return s2.name === 'install' ? { tool: { values: UV_VALUES, positionals: 'all' }, command: 'uv pip install', args: s2.args } : undefined;
        }
        return undefined;
      }
      if (sub.name === 'add') return { tool: { values: UV_VALUES, positionals: 'all' }, command: 'uv add', args: sub.args };
      if (sub.name === 'run') return { tool: { values: UV_VALUES, positionals: 'none', stopAtPositional: true }, command: 'uv run', args: sub.args };
      if (sub.name === 'tool') {
        const s2 = subcommand(sub.args, UV_VALUES);
        if (s2?.name === 'install') return { tool: { values: UV_VALUES, positionals: 'first' }, command: 'uv tool install', args: s2.args };
        if (s2?.name === 'run') return uvxLike('uv tool run', s2.args);
      }
      return undefined;
    }
    case 'uvx':
      return uvxLike('uvx', args);
    case 'poetry': {
      const sub = subcommand(args, POETRY_VALUES);
      return sub?.name === 'add' ? { tool: { values: POETRY_VALUES, positionals: 'all' }, command: 'poetry add', args: sub.args } : undefined;
    }
    case 'pdm': {
      const sub = subcommand(args, PDM_VALUES);
      return sub?.name === 'add' ? { tool: { values: PDM_VALUES, positionals: 'all' }, command: 'pdm add', args: sub.args } : undefined;
    }
    case 'pipx': {
      const sub = subcommand(args, PIPX_VALUES);
      if (sub?.name === 'install' || sub?.name === 'inject') return { tool: { values: PIPX_VALUES, positionals: 'all' }, command: `pipx ${sub.name}`, args: sub.args };
      if (sub?.name === 'run') {
        // `pipx run --spec PKG app args…`: with --spec the app is a command name, not a package.
        const hasSpec = sub.args.some((w) => w.value === '--spec' || w.value.startsWith('--spec='));
        return { tool: { values: PIPX_VALUES, positionals: hasSpec ? 'none' : 'first', stopAtPositional: true }, command: 'pipx run', args: sub.args };
      }
      return undefined;
    }
    default:
      // conda / mamba / apt install packages from other ecosystems: not PyPI names.
      return undefined;
  }
}

/** `uvx [opts] NAME[@version] args…`; with `--from PKG`, NAME is a command, not a package. */
function uvxLike(command: string, args: Word[]): Recognised {
  const hasFrom = args.some((w) => w.value === '--from' || w.value.startsWith('--from='));
  return { tool: { values: UV_VALUES, positionals: hasFrom ? 'none' : 'first', stopAtPositional: true }, command, args };
}

/** The first positional (skipping global options and their values) and the words after it. */
function subcommand(words: Word[], values: Record<string, Role>): { name: string; args: Word[] } | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    if (w.dynamic) return undefined;
    if (w.value.startsWith('-')) {
      if (!w.value.includes('=') && values[w.value] !== undefined) i++;
      continue;
    }
    return { name: w.value, args: words.slice(i + 1) };
  }
  return undefined;
}

/**
 * Finds every install command in `text[from, to)` (a shell fragment: one or many lines) and the
 * requirements, includes and index options it names. Offsets index into `text`. Never throws.
 */
export function parseInstallCommands(text: string, from = 0, to = text.length): InstallCommands {
  const out: InstallCommands = { requirements: [], includes: [], indexes: [], problems: [] };
  for (const cmd of simpleCommands(shellTokens(text, from, to))) readCommand(cmd, out);
  return out;
}

/** Reads one already-split command (a Dockerfile exec form, a CI `args:` list) into `out`. */
export function readCommand(cmd: Word[], out: InstallCommands): void {
  const found = recognise(cmd);
  if (!found) return;
  const r = found;
  // Tools other than pip are run by their own name (`uv`, `poetry`): the first word of the command.
  const at: At = { command: r.command, runner: r.runner ?? (r.command.split(' ')[0] as string) };
  (out.runs ??= []).push(at);
  let positional = 0;
  for (let i = 0; i < r.args.length; i++) {
    const w = r.args[i] as Word;
    if (w.value === '--') continue;
    if (w.value.startsWith('-') && w.value.length > 1 && !w.dynamic) {
      const opt = optionValue(w, r.args[i + 1], r.tool.values);
      if (!opt) continue;
      if (opt.fromNext) i++;
      if (opt.word && !opt.word.dynamic) useValue(opt.role, opt.word, opt.from, at, out);
      continue;
    }
    if (w.value === '-') continue; // a requirements file on stdin
    const isName = r.tool.positionals === 'all' || (r.tool.positionals === 'first' && positional === 0);
    positional++;
    if (isName && !w.dynamic) requirementWord(w, 0, at, out);
    // `uvx ruff check .`, `uv run app.py --with x`: every word after the program goes to the program.
    if (r.tool.stopAtPositional) break;
  }
}

interface OptionValue {
  role: Role;
  word?: Word;
  /** Index in `word.value` where the value starts (after `--opt=` or `-rfile`). */
  from: number;
  fromNext: boolean;
}

/** Resolves an option word: `--opt=value`, `--opt value`, `-rfile`, `-r file`; undefined for flags. */
function optionValue(w: Word, next: Word | undefined, values: Record<string, Role>): OptionValue | undefined {
  const v = w.value;
  if (v.startsWith('--')) {
    const eq = v.indexOf('=');
    if (eq > 0) {
      const role = values[v.slice(0, eq)];
      return role ? { role, word: w, from: eq + 1, fromNext: false } : undefined;
    }
    const role = values[v];
    return role ? { role, ...(next ? { word: next } : {}), from: 0, fromNext: true } : undefined;
  }
  const short = v.slice(0, 2);
  const role = values[short];
  if (!role) return undefined; // `-U`, `-qq`, `-Uq`: flags
  if (v.length > 2) return { role, word: w, from: v[2] === '=' ? 3 : 2, fromNext: false };
  return { role, ...(next ? { word: next } : {}), from: 0, fromNext: true };
}

/** Which command names a requirement, and the program as typed. */
interface At {
  command: string;
  runner: string;
}

function useValue(role: Role, w: Word, from: number, who: At, out: InstallCommands): void {
  const value = w.value.slice(from);
  const [start, end] = wordSpan(w, from, w.value.length);
  switch (role) {
    case 'name':
      // uv's `--with a,b` takes a comma-separated list; a comma before a version operator is a specifier's.
      for (const [s, len] of splitList(value)) requirementWord(w, from + s, who, out, from + s + len);
      break;
    case 'include':
    case 'constraint':
      out.includes.push({ kind: role === 'include' ? 'requirement' : 'constraint', target: value, start, end });
      break;
    case 'index-url':
    case 'extra-index-url':
    case 'find-links':
      out.indexes.push({ kind: role, url: value, start, end });
      break;
    default:
      break;
  }
}

/** [start, length] of each item of a uv-style comma list. */
function splitList(s: string): [number, number][] {
  const items: [number, number][] = [];
  let st = 0;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ',' && depth === 0 && /[A-Za-z0-9]/.test(s[i + 1] ?? '')) {
      items.push([st, i - st]);
      st = i + 1;
    }
  }
  items.push([st, s.length - st]);
  return items;
}

const PLACEHOLDER = /^[<[{]|^\.\.\.$|^[A-Z_]*PACKAGE[A-Z_]*$|^your[-_]/i;

/** One requirement argument (from value index `from` to `to`), as PEP 508 or a tool's `name@version`. */
function requirementWord(w: Word, from: number, who: At, out: InstallCommands, to = w.value.length): void {
  const text = w.value.slice(0, to);
  const body = text.slice(from);
  if (body === '' || isDirectReference(body) || /[/\\]/.test(body.split(/[;\s@]/, 1)[0] as string)) return;
  if (PLACEHOLDER.test(body)) return;
  let parseText = text;
  // Poetry `requests@^2.31`, uvx `ruff@0.5`, pipx `black@24`: a version after `@` with no space
  // (PEP 508's `name @ url` puts a URL there, which has `:`).
  const at = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?@(?!\s)([^:]*)$/.exec(body);
  if (at) parseText = text.slice(0, from + body.indexOf('@'));
  const r = parseRequirementString(parseText, from);
  if ('error' in r) {
    const [s, e] = wordSpan(w, from, to);
    out.problems.push({ start: s, end: e, message: `cannot read the requirement ${JSON.stringify(body)} of \`${who.command}\`: ${r.error}` });
    return;
  }
  const [ns, ne] = wordSpan(w, r.nameStart, r.nameEnd);
  const req: CommandRequirement = { name: r.name, nameStart: ns, nameEnd: ne, extras: r.extras, specifier: r.specifier, command: who.command, runner: who.runner };
  if (r.specifierStart !== undefined && r.specifierEnd !== undefined) {
    const [ss, se] = wordSpan(w, r.specifierStart, r.specifierEnd);
    req.specifierStart = ss;
    req.specifierEnd = se;
  }
  if (r.marker !== undefined) req.marker = r.marker;
  if (r.url !== undefined) req.url = r.url;
  out.requirements.push(req);
}
