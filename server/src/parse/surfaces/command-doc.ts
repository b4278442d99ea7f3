// Shared by the install-command surfaces (Markdown, shell scripts, Dockerfiles, CI YAML, Makefiles,
// tox.ini, notebooks): a surface decides which characters of a file are shell, and this module
// turns the install commands found there into a ParsedDocument. Surfaces work on a MASK: a copy of
// the text of the same length in which everything that is not shell is blanked (newlines kept).
// Offsets in the mask are offsets in the file, so no position map is needed.
import type { Dependency, DocumentKind, ParsedDocument } from '../../core/types';
import { normalizeName } from '../../identify/normalize';
import { parseInstallCommands, type InstallCommands } from '../install-command';
import { LineIndex, MAX_DEPENDENCIES, MAX_PROBLEMS } from '../text';

/** A mask under construction: starts all blank, surfaces copy the shell parts in. */
export class Mask {
  private readonly chars: string[];

  constructor(readonly text: string) {
    this.chars = new Array<string>(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      this.chars[i] = c === '\n' || c === '\r' ? c : ' ';
    }
  }

  /** Copies text[from, to) into the mask. */
  keep(from: number, to: number): void {
    for (let i = Math.max(0, from); i < Math.min(to, this.text.length); i++) this.chars[i] = this.text[i] as string;
  }

  /** Blanks [from, to) again, line breaks included (so a blanked line joins a `\` continuation). */
  blank(from: number, to: number): void {
    for (let i = Math.max(0, from); i < Math.min(to, this.text.length); i++) this.chars[i] = ' ';
  }

  /** Writes one character (a surface's own escape turned into the shell's). */
  put(at: number, ch: string): void {
    if (at >= 0 && at < this.text.length) this.chars[at] = ch;
  }

  /** Ends a command at `at` (a newline), so two kept pieces never run into each other. */
  separate(at: number): void {
    if (at >= 0 && at < this.text.length) this.chars[at] = '\n';
  }

  toString(): string {
    return this.chars.join('');
  }
}

/** Empty command results, for surfaces that add exec-form commands by hand. */
export function emptyCommands(): InstallCommands {
  return { requirements: [], includes: [], indexes: [], problems: [] };
}

/** Merges `b` into `a`. */
export function mergeCommands(a: InstallCommands, b: InstallCommands): InstallCommands {
  a.requirements.push(...b.requirements);
  a.includes.push(...b.includes);
  a.indexes.push(...b.indexes);
  a.problems.push(...b.problems);
  return a;
}

export function commandsOfMask(mask: Mask): InstallCommands {
  return parseInstallCommands(mask.toString());
}

/**
 * The ParsedDocument for commands found in `text` (offsets into `text`). With `cell`, ranges are
 * relative to that notebook cell's text and every dependency carries the cell index.
 */
export function commandsDocument(kind: DocumentKind, text: string, cmds: InstallCommands, cell?: number): ParsedDocument {
  const doc: ParsedDocument = { kind, dependencies: [], problems: [], includes: [], indexes: [] };
  addCommands(doc, text, cmds, cell);
  return doc;
}

/** Adds commands found in `text` to an existing document (a notebook adds one cell at a time). */
export function addCommands(doc: ParsedDocument, text: string, cmds: InstallCommands, cell?: number): void {
  const idx = new LineIndex(text);
  for (const q of cmds.requirements) {
    if (doc.dependencies.length >= MAX_DEPENDENCIES) break;
    const dep: Dependency = {
      rawName: q.name,
      name: normalizeName(q.name),
      range: idx.range(q.nameStart, q.nameEnd),
      source: 'command',
      section: q.command,
      extras: q.extras,
      specifier: q.specifier,
    };
    if (q.specifierStart !== undefined && q.specifierEnd !== undefined) dep.specifierRange = idx.range(q.specifierStart, q.specifierEnd);
    if (q.marker !== undefined) dep.marker = q.marker;
    if (q.url !== undefined) dep.url = q.url;
    if (cell !== undefined) dep.cell = cell;
    doc.dependencies.push(dep);
  }
  for (const i of cmds.includes) doc.includes.push({ kind: i.kind, target: i.target, range: idx.range(i.start, i.end) });
  // Index URLs from a command are workspace-named: honoured only in a trusted workspace (the
  // index client's configuration decides; this only records them, with their origin).
  for (const i of cmds.indexes) doc.indexes.push({ kind: i.kind, url: i.url, range: idx.range(i.start, i.end), origin: 'command' });
  for (const p of cmds.problems) {
    if (doc.problems.length >= MAX_PROBLEMS) break;
    // Information, not a warning: the file is documentation or a script, not pip's own input,
    // and a spelling this reader does not know is no defect of the file.
    doc.problems.push({ range: idx.range(p.start, p.end), message: p.message, severity: 'information' });
  }
}
