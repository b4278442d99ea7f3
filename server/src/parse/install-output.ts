// What an installer's terminal output says it installed, so names that came in with a command
// (dependencies of dependencies) are checked too. Pure: text in, names out. The output is whatever
// a program printed into a terminal: it may be megabytes, carry colour and cursor escapes, or be
// written to mislead, so everything here is bounded and linear (no backtracking regex).
//   pip:    "Successfully installed a-1.0 b_c-2.0" (pip/_internal/commands/install.py: one
//           `name-version` per installed distribution, joined by spaces; versions have no `-`).
//   uv:     " + name==1.0" per installed package, " ~ name==1.0" per reinstalled one
//           (https://docs.astral.sh/uv/pip/packages/ shows the format); " - " lines are removals.
//   Poetry: "  - Installing name (1.0)" (1.x prints "•" instead of "-").
import { normalizeName } from '../identify/normalize';

/** Output past this is cut from the front: installers print what they installed last. */
export const MAX_OUTPUT_CHARS = 1_000_000;
/** A line longer than this is read up to here (a "Successfully installed" line of 500 names is ~15k). */
export const MAX_LINE_CHARS = 100_000;
/** Names past this are counted, not returned. */
export const MAX_INSTALLED = 500;

export type OutputTool = 'pip' | 'uv' | 'poetry';

export interface InstalledPackage {
  name: string;
  version: string;
  tool: OutputTool;
}

export interface InstallOutput {
  installed: InstalledPackage[];
  /** Names seen past MAX_INSTALLED (not returned). */
  dropped: number;
  /** The output was longer than MAX_OUTPUT_CHARS and only its tail was read. */
  truncated: boolean;
}

const ESC = 0x1b;
const BEL = 0x07;

/**
 * Removes ANSI/ECMA-48 escapes: CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \`, which
 * carries VS Code's shell-integration marks, OSC 633), other `ESC x` pairs, and C1 CSI (U+009B).
 * One pass, linear; an unterminated sequence runs to the end of the text and is dropped.
 */
export function stripAnsi(s: string): string {
  let out = '';
  let i = 0;
  let kept = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== ESC && c !== 0x9b) {
      i++;
      continue;
    }
    out += s.slice(kept, i);
    const next = c === 0x9b ? 0x5b : s.charCodeAt(i + 1);
    let j = c === 0x9b ? i + 1 : i + 2;
    if (next === 0x5b) {
      // CSI: parameter and intermediate bytes 0x20–0x3F, then one final byte 0x40–0x7E.
      while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x3f) j++;
      if (j < s.length && s.charCodeAt(j) >= 0x40 && s.charCodeAt(j) <= 0x7e) j++;
    } else if (next === 0x5d || next === 0x50 || next === 0x5f || next === 0x5e) {
      // OSC, DCS, APC, PM: a string up to BEL or ST (ESC \).
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (d === BEL) {
          j++;
          break;
        }
        if (d === ESC && s.charCodeAt(j + 1) === 0x5c) {
          j += 2;
          break;
        }
        j++;
      }
    }
    i = Math.min(j, s.length);
    kept = i;
  }
  return out + s.slice(kept);
}

/** The text a terminal would leave on each line: a carriage return (progress bars) restarts the line. */
function visibleLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 0x0a) {
      let line = text.slice(start, Math.min(i, start + MAX_LINE_CHARS));
      if (line.endsWith('\r')) line = line.slice(0, -1);
      const cr = line.lastIndexOf('\r');
      lines.push(cr >= 0 ? line.slice(cr + 1) : line);
      start = i + 1;
    }
  }
  return lines;
}

// PEP 508 names: letters and digits, with `.`, `_`, `-` inside. Versions: PEP 440 characters.
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_]*$/;

const PIP_MARK = 'Successfully installed ';

/** `name-version` as pip prints it: the version is after the last `-` (a normalised version has none). */
function pipItem(item: string): { name: string; version: string } | undefined {
  const dash = item.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const name = item.slice(0, dash);
  const version = item.slice(dash + 1);
  return NAME.test(name) && VERSION.test(version) ? { name, version } : undefined;
}

/** ` + name==1.0` (uv), possibly followed by ` (from …)`; `name[extra]` is not printed by uv. */
function uvItem(line: string): { name: string; version: string } | undefined {
  const m = /^ [+~] ([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9][A-Za-z0-9.+!_]*)(?: .*)?$/.exec(line);
  return m && NAME.test(m[1] as string) ? { name: m[1] as string, version: m[2] as string } : undefined;
}

/** `  - Installing name (1.0)` / `  • Installing name (1.0)` (Poetry). */
function poetryItem(line: string): { name: string; version: string } | undefined {
  const m = /^ {2,4}[-•] Installing ([A-Za-z0-9][A-Za-z0-9._-]*) \(([A-Za-z0-9][A-Za-z0-9.+!_]*)\)/.exec(line);
  return m && NAME.test(m[1] as string) ? { name: m[1] as string, version: m[2] as string } : undefined;
}

/** The packages an installer's output says it installed, in order, each name once. */
export function parseInstallOutput(raw: string): InstallOutput {
  const truncated = raw.length > MAX_OUTPUT_CHARS;
  const text = stripAnsi(truncated ? raw.slice(raw.length - MAX_OUTPUT_CHARS) : raw);
  const out: InstallOutput = { installed: [], dropped: 0, truncated };
  const seen = new Set<string>();
  const add = (p: { name: string; version: string } | undefined, tool: OutputTool): void => {
    if (!p) return;
    const key = normalizeName(p.name);
    if (seen.has(key)) return;
    seen.add(key);
    if (out.installed.length >= MAX_INSTALLED) out.dropped++;
    else out.installed.push({ ...p, tool });
  };
  for (const line of visibleLines(text)) {
    const at = line.indexOf(PIP_MARK);
    // pip writes the line unindented; a prefix (a `sudo` banner, a container's log prefix) is allowed.
    if (at >= 0) {
      for (const item of line.slice(at + PIP_MARK.length).split(' ')) add(pipItem(item.trim()), 'pip');
    } else if (line.startsWith(' + ') || line.startsWith(' ~ ')) {
      add(uvItem(line), 'uv');
    } else if (line.includes('Installing ')) {
      add(poetryItem(line), 'poetry');
    }
  }
  return out;
}
