// Dockerfile / Containerfile: install commands in RUN instructions
// (https://docs.docker.com/reference/dockerfile/#run). Shell form with continuations (the escape
// character, `\` or the one a `# escape=` directive sets), comment and empty lines inside a
// continuation (removed by BuildKit), exec form `RUN ["pip", "install", "x"]` (a JSON array,
// decoded here with offsets), and heredocs `RUN <<EOF … EOF` whose body is a shell script.
// Hand-written: dockerfile-ast (npm) is maintained but pulls in vscode-languageserver-types
// and gives no offsets inside exec-form strings; this needs ~150 lines.
import type { ParsedDocument } from '../../core/types';
import { readCommand, parseInstallCommands, type InstallCommands } from '../install-command';
import type { Word } from '../shell-words';
import { stripBom } from '../text';
import { Mask, commandsDocument, mergeCommands } from './command-doc';

interface Line {
  start: number;
  end: number;
  next: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    out.push({ start: pos, end, next: nl + 1 });
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  return out;
}

/** The escape character from a `# escape=` parser directive at the top of the file. */
function escapeChar(text: string, lines: Line[]): string {
  for (const l of lines) {
    const line = text.slice(l.start, l.end);
    const m = /^[ \t]*#[ \t]*([A-Za-z]+)[ \t]*=[ \t]*(\S+)[ \t]*$/.exec(line);
    if (!m) break; // directives only precede everything else
    if ((m[1] as string).toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2] as string;
  }
  return '\\';
}

export function parseDockerfile(input: string): ParsedDocument {
  const text = stripBom(input);
  const lines = linesOf(text);
  const esc = escapeChar(text, lines);
  const mask = new Mask(text);
  const exec: InstallCommands = { requirements: [], includes: [], indexes: [], problems: [] };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as Line;
    const line = text.slice(l.start, l.end);
    const m = /^[ \t]*(?:ONBUILD[ \t]+)?RUN(?=[ \t]|$)/i.exec(line);
    if (!m) {
      i = skipInstruction(text, lines, i, esc);
      continue;
    }
    // RUN flags: --mount=…, --network=…, --security=…
    let k = l.start + m[0].length;
    for (;;) {
      while (k < l.end && (text[k] === ' ' || text[k] === '\t')) k++;
      const flag = /^--[a-z-]+=\S*/.exec(text.slice(k, l.end));
      if (!flag) break;
      k += flag[0].length;
    }
    if (text[k] === '[') {
      const arr = jsonStrings(text, k, instructionEnd(text, lines, i, esc));
      if (arr) {
        execForm(arr, text, exec);
        i = skipInstruction(text, lines, i, esc);
        continue;
      }
    }
    const heredocs = [...text.slice(k, l.end).matchAll(/<<-?[ \t]*(["']?)([A-Za-z_][\w-]*)\1/g)];
    if (heredocs.length > 0) {
      // The RUN line's own command runs the heredoc: a shell (or nothing) means the body is shell.
      const head = text.slice(k, l.end).replace(/<<-?[ \t]*(["']?)[A-Za-z_][\w-]*\1/g, ' ').trim();
      const bodyIsShell = head === '' || /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|dash|zsh)(\s+-[a-z]+)*\s*$/.test(head);
      mask.keep(k, l.end);
      mask.separate(l.end);
      let j = i + 1;
      for (const h of heredocs) {
        const delim = h[2] as string;
        for (; j < lines.length; j++) {
          const bl = lines[j] as Line;
          const body = text.slice(bl.start, bl.end);
          if (body.replace(/^\t+/, '') === delim) break;
          if (bodyIsShell) mask.keep(bl.start, bl.end);
        }
        j++;
      }
      i = j - 1;
      continue;
    }
    // Shell form: this line and its continuations. Each escape before a line break becomes a
    // `\\` at the line's end for the shell; comment and empty lines inside are dropped, as the
    // builder drops them, by blanking them and their line break.
    mask.keep(k, l.end);
    let j = i;
    while (j + 1 < lines.length && endsWithEscape(text, lines[j] as Line, esc)) {
      const cur = lines[j] as Line;
      const escAt = cur.start + text.slice(cur.start, cur.end).trimEnd().length - 1;
      mask.blank(escAt, cur.end);
      mask.put(cur.end - 1, '\\');
      j++;
      while (j + 1 < lines.length && isDropped(text, lines[j] as Line)) {
        mask.blank((lines[j] as Line).start, (lines[j] as Line).next);
        j++;
      }
      mask.keep((lines[j] as Line).start, (lines[j] as Line).end);
    }
    i = j;
  }
  return commandsDocument('dockerfile', text, mergeCommands(parseInstallCommands(mask.toString()), exec));
}

function endsWithEscape(text: string, l: Line, esc: string): boolean {
  return text.slice(l.start, l.end).trimEnd().endsWith(esc);
}

function isDropped(text: string, l: Line): boolean {
  return /^[ \t]*(#|$)/.test(text.slice(l.start, l.end));
}

function instructionEnd(text: string, lines: Line[], i: number, esc: string): number {
  return (lines[skipInstruction(text, lines, i, esc)] as Line).end;
}

/** Index of the last line of the instruction starting at line i. */
function skipInstruction(text: string, lines: Line[], i: number, esc: string): number {
  if (isDropped(text, lines[i] as Line)) return i;
  let j = i;
  while (j + 1 < lines.length && endsWithEscape(text, lines[j] as Line, esc)) {
    j++;
    while (j + 1 < lines.length && isDropped(text, lines[j] as Line)) j++;
  }
  return j;
}

/** A JSON array of strings starting at `from`, each decoded with per-character source offsets. */
function jsonStrings(text: string, from: number, to: number): Word[] | undefined {
  const words: Word[] = [];
  let i = from + 1;
  const ws = (): void => {
    while (i < to && /[\s\\`]/.test(text[i] as string) && !(text[i] === '\\' && text[i + 1] === '"')) i++;
  };
  for (;;) {
    ws();
    if (text[i] === ']') return words;
    if (text[i] !== '"') return undefined;
    const start = i;
    i++;
    let value = '';
    const offsets: number[] = [];
    while (i < to && text[i] !== '"') {
      if (text[i] === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          value += simple[e];
          offsets.push(i);
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          offsets.push(i);
          i += 6;
        } else return undefined;
      } else {
        value += text[i];
        offsets.push(i);
        i++;
      }
    }
    if (text[i] !== '"') return undefined;
    i++;
    words.push({ value, offsets, start, end: i, dynamic: false });
    ws();
    if (text[i] === ',') i++;
    else if (text[i] !== ']') return undefined;
  }
}

/** `["pip", "install", "x"]` is one command; `["sh", "-c", "pip install x"]` runs a shell string. */
function execForm(words: Word[], text: string, out: InstallCommands): void {
  const [prog, flag, script] = words;
  if (prog && flag && script && /(^|\/)(sh|bash|ash|dash|zsh)$/.test(prog.value) && /^-[a-z]*c$/.test(flag.value)) {
    // The script string, when it has no JSON escapes, is shell text at its own source offsets.
    if (!text.slice(script.start + 1, script.end - 1).includes('\\')) {
      mergeCommands(out, parseInstallCommands(text, script.start + 1, script.end - 1));
    }
    return;
  }
  readCommand(words, out);
}
