// Markdown: install commands in fenced code blocks (CommonMark 0.31 §4.5) whose info string names
// a shell, or has none, and in inline code spans (§6.1) — READMEs say "install with `pip install
// x`" as often as they fence it. Indented code blocks (§4.4) are not read: inside lists the same
// indentation is a continuation paragraph, and prose ("pip install the package") is not a command.
// Console transcripts (`console`, `shell-session`) are commands only on their prompt lines.
import type { ParsedDocument } from '../../core/types';
import { stripBom } from '../text';
import { parseCiYaml } from './ci-yaml';
import { Mask, commandsDocument, commandsOfMask } from './command-doc';
import { parseDockerfile } from './dockerfile';

// Fences holding another surface: their install commands are read by that surface's parser
// (`RUN pip install x` in a ```dockerfile block, `run: pip install x` in a ```yaml block).
const NESTED = new Map<string, (text: string) => ParsedDocument>([
  ['dockerfile', parseDockerfile],
  ['containerfile', parseDockerfile],
  ['docker', parseDockerfile],
  ['yaml', parseCiYaml],
  ['yml', parseCiYaml],
]);

const SHELL_INFO = new Set([
  '', 'sh', 'bash', 'shell', 'zsh', 'fish', 'ksh', 'console', 'shell-session', 'shellsession', 'sh-session',
  'terminal', 'powershell', 'ps1', 'pwsh', 'ps', 'posh', 'bat', 'batch', 'cmd', 'dos', 'bash-session', 'text', 'txt', 'ipython',
]);
const TRANSCRIPT_INFO = new Set(['console', 'shell-session', 'shellsession', 'sh-session', 'bash-session', 'terminal']);

/**
 * A shell prompt at a line start: `$ `, `% `, `> `, `# ` (root, transcripts only), `PS> `,
 * `PS C:\x> `, `C:\x> `, `user@host:~$ `, optionally after a `(venv) ` marker. Returns its length.
 */
export function promptLength(line: string, transcript: boolean): number {
  const m = /^([ \t]*(?:\([^()\s]{1,64}\)[ \t]*)?)(\$|%|>|PS>|PS [^>\n]{0,200}>|[A-Za-z]:\\[^>\n]{0,200}>|[\w.-]{1,64}@[\w.-]{1,64}(?::[^$#\n]{0,200})?[$#]|#)[ \t]/.exec(line);
  if (!m) return 0;
  if (m[2] === '#' && !transcript) return 0; // outside a transcript, `# ` is a comment
  return m[0].length;
}

interface Fence {
  char: string;
  len: number;
  indent: number;
}

/** An opening fence: up to 3 spaces, then ``` or ~~~ (3+), then an info string. */
function openFence(line: string): (Fence & { info: string }) | undefined {
  const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m) return undefined;
  const fence = m[2] as string;
  const rest = (m[3] as string).trim();
  if (fence[0] === '`' && rest.includes('`')) return undefined; // not a fence (§4.5)
  // `{.bash}` / `bash {.line-numbers}` / `bash title="x"`: the first word, without braces or dots.
  const info = (rest.split(/[\s{,]/, 1)[0] ?? '').replace(/^\{?\.?/, '').toLowerCase();
  return { char: fence[0] as string, len: fence.length, indent: (m[1] as string).length, info };
}

function closesFence(line: string, f: Fence): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return !!m && (m[1] as string)[0] === f.char && (m[1] as string).length >= f.len;
}

export function parseMarkdown(input: string): ParsedDocument {
  const text = stripBom(input);
  const mask = new Mask(text);
  let fence: (Fence & { info: string; from: number }) | undefined;
  const nested: { parse: (text: string) => ParsedDocument; from: number; to: number }[] = [];
  let continued = false;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(pos, end);
    if (fence) {
      if (closesFence(line, fence)) {
        const parse = NESTED.get(fence.info);
        if (parse) nested.push({ parse, from: fence.from, to: pos });
        fence = undefined;
        continued = false;
      } else if (SHELL_INFO.has(fence.info)) {
        const transcript = TRANSCRIPT_INFO.has(fence.info);
        const p = promptLength(line, transcript);
        // In a transcript, lines without a prompt are output unless a `\` continued the last command.
        if (p > 0 || !transcript || continued) {
          mask.keep(pos + p, end);
          continued = /\\$/.test(line);
        }
        mask.separate(nl);
      }
    } else {
      const f = openFence(line);
      if (f) fence = { ...f, from: nl + 1 };
      else inlineSpans(line, pos, mask);
    }
    pos = nl + 1;
  }
  const doc = commandsDocument('markdown', text, commandsOfMask(mask));
  for (const n of nested) {
    const sub = new Mask(text);
    sub.keep(n.from, n.to);
    // A snippet in a document is often partial (`...`): only its commands count, not its syntax.
    doc.dependencies.push(...n.parse(sub.toString()).dependencies.map((d) => ({ ...d, section: `${d.section ?? ''} (in a code block)`.trim() })));
  }
  if (nested.length > 0) doc.dependencies.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return doc;
}

/** Inline code spans of one line (single-line spans only): `` `pip install x` ``. */
function inlineSpans(line: string, at: number, mask: Mask): void {
  for (let i = line.indexOf('`'); i >= 0 && i < line.length; ) {
    let n = 1;
    while (line[i + n] === '`') n++;
    const tick = '`'.repeat(n);
    const close = line.indexOf(tick, i + n);
    if (close < 0) break;
    if (line[close + n] !== '`') {
      const p = promptLength(line.slice(i + n, close), false);
      mask.keep(at + i + n + p, at + close);
      mask.separate(at + close); // a span is one command: `pip install a` `b` are two
      i = line.indexOf('`', close + n);
    } else {
      i = close + n;
      while (line[i] === '`') i++;
      i = line.indexOf('`', i);
    }
  }
}
