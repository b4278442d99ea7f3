// A small POSIX-shell word splitter that keeps, for every character of every word, the offset it
// came from in the original text — so a package name inside `"fastapi[standard]>=0.115"` or
// across a `\` continuation maps back to the exact characters a user typed. npm's shell-quote
// splits words but drops positions, which is the one thing a diagnostic needs; hence this file.
// Follows the quoting rules of POSIX.1-2017 XCU 2.2 (escape character, single quotes, double
// quotes) and the operators of 2.9 (lists `;` `&` `&&` `||`, pipelines `|`, redirections).
// Expansions (`$VAR`, `${…}`, `$(…)`, backquotes) are not evaluated: a word holding one is
// `dynamic`, its value unknown, and the install-command reader never treats it as a name.

export interface Word {
  /** The word after quote removal (expansions kept as written). */
  value: string;
  /** Source offset of each character of `value` (same length). */
  offsets: number[];
  /** Span of the word as written, quotes included. */
  start: number;
  end: number;
  /** Holds an unquoted or double-quoted expansion: its real value is unknown. */
  dynamic: boolean;
}

export type ShellToken =
  | { type: 'word'; word: Word }
  | { type: 'op'; op: string; start: number; end: number };

/** Operators that end a simple command (a newline is one too). */
const CONTROL = ['&&', '||', ';;', '|&', ';', '&', '|', '(', ')', '\n'];
const MAX_WORDS = 100_000;

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

/** Offset just past a `$(…)` / `${…}` / `` `…` `` starting at `i` (nesting and quotes respected). */
function skipExpansion(text: string, i: number, to: number): number {
  const open = text[i] === '`' ? '`' : text[i + 1];
  if (open === '`') {
    // Backquotes may span lines in a real shell; here they stop at the line's end, so a stray
    // backquote (a Markdown fence inside a block) cannot swallow the commands after it.
    let j = i + 1;
    while (j < to && text[j] !== '`' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    return Math.min(text[j] === '`' ? j + 1 : j, to);
  }
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  let j = i + 1;
  while (j < to) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === "'" && open === '(') {
      const q = text.indexOf("'", j + 1);
      j = q < 0 || q >= to ? to : q + 1;
    } else {
      if (c === open) depth++;
      else if (c === close && --depth === 0) return j + 1;
      j++;
    }
  }
  return to;
}

/**
 * Splits `text[from, to)` into words and operators. `#` at the start of a word starts a comment
 * up to the end of the line. A backslash-newline is a line continuation and vanishes. Never throws;
 * an unclosed quote runs to the end of the range (the shell would ask for more input).
 */
export function shellTokens(text: string, from = 0, to = text.length): ShellToken[] {
  const out: ShellToken[] = [];
  let i = from;
  while (i < to && out.length < MAX_WORDS) {
    const c = text[i];
    if (isBlank(c)) {
      i++;
      continue;
    }
    // `\` (POSIX) or `` ` `` (PowerShell) before a line break continues the line.
    if ((c === '\\' || c === '`') && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (i < to && text[i] !== '\n') i++;
      continue;
    }
    // Redirections: `>`, `>>`, `<`, `<<`, `>&`, `&>`, `<>`, with an optional fd number before.
    const redir = /^(?:\d*(?:>>|>&|<<-?|<&|<>|>\||>|<)|&>>?)/.exec(text.slice(i, Math.min(i + 8, to)));
    if (redir && (c === '<' || c === '>' || c === '&' || /^\d+[<>]/.test(redir[0]))) {
      out.push({ type: 'op', op: redir[0].replace(/^\d+/, ''), start: i, end: i + redir[0].length });
      i += redir[0].length;
      continue;
    }
    const op = CONTROL.find((o) => text.startsWith(o, i));
    if (op) {
      out.push({ type: 'op', op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    i = readWord(text, i, to, out);
  }
  return out;
}

function readWord(text: string, i: number, to: number, out: ShellToken[]): number {
  const start = i;
  let value = '';
  const offsets: number[] = [];
  let dynamic = false;
  const push = (ch: string, at: number): void => {
    value += ch;
    offsets.push(at);
  };
  // One character outside single quotes (bare or in double quotes): $(…), ${…} and `…` are kept
  // whole and $NAME is read as is; either makes the word dynamic (XCU 2.6 expansions).
  const expandable = (ch: string): void => {
    if ((ch === '$' && '({'.includes(text[i + 1] ?? '')) || ch === '`') {
      const e = skipExpansion(text, i, to);
      for (let k = i; k < e; k++) push(text[k] as string, k);
      dynamic = true;
      i = e;
    } else {
      if (ch === '$' && /[A-Za-z_0-9@*#?$!-]/.test(text[i + 1] ?? '')) dynamic = true;
      push(ch, i);
      i++;
    }
  };
  while (i < to) {
    const c = text[i] as string;
    if (isBlank(c) || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>') break;
    if (c === '\\') {
      const n = text[i + 1];
      if (n === '\n') i += 2;
      else if (n === '\r' && text[i + 2] === '\n') i += 3;
      else if (n !== undefined && i + 1 < to) {
        push(n, i + 1);
        i += 2;
      } else i++;
    } else if (c === "'") {
      const q = text.indexOf("'", i + 1);
      const e = q < 0 || q >= to ? to : q;
      for (let k = i + 1; k < e; k++) push(text[k] as string, k);
      i = e + 1;
    } else if (c === '"') {
      i++;
      while (i < to && text[i] !== '"') {
        const d = text[i] as string;
        // Inside double quotes a backslash escapes only $ ` " \ and newline (XCU 2.2.3).
        if (d === '\\' && '$`"\\\n'.includes(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') push(text[i + 1] as string, i + 1);
          i += 2;
        } else expandable(d);
      }
      i++;
    } else expandable(c);
  }
  out.push({ type: 'word', word: { value, offsets, start, end: Math.min(i, to), dynamic } });
  return Math.min(i, to);
}

/** Simple commands: the words between control operators, redirections and their targets removed. */
export function simpleCommands(tokens: readonly ShellToken[]): Word[][] {
  const cmds: Word[][] = [];
  let cur: Word[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t] as ShellToken;
    if (tok.type === 'word') {
      cur.push(tok.word);
    } else if (CONTROL.includes(tok.op)) {
      if (cur.length > 0) cmds.push(cur);
      cur = [];
    } else if (tokens[t + 1]?.type === 'word') {
      t++; // a redirection's target is a file name, never an argument
    }
  }
  if (cur.length > 0) cmds.push(cur);
  return cmds;
}

/** Source span [start, end) of value characters [s, e) of a word. */
export function wordSpan(w: Word, s: number, e: number): [number, number] {
  if (e <= s) {
    const at = w.offsets[s] ?? w.end;
    return [at, at];
  }
  return [w.offsets[s] as number, (w.offsets[e - 1] as number) + 1];
}
