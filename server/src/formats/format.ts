// The contract of a format module: one per kind of file Pipwatch reads (docs/architecture.md
// "Add a format"). Its file names live in shared/formats.json; its module says how to read it.
import type { Dependency, DocumentKind, ParsedDocument, ParseProblem } from '../core/types';

export interface ParseContext {
  /** Path of the file, when known (a parser may name it in a message; never read from disk). */
  path?: string;
  /**
   * Formats made of parts (notebook cells): ranges relative to each part, the part's index in
   * `cell` (default; the CLI's `cell N:line:col`, an editor's notebook sync), or in positions of
   * the file's own text (an editor showing the .ipynb as JSON).
   */
  ranges?: 'cell' | 'text';
}

export interface FormatModule {
  id: Exclude<DocumentKind, 'unknown'>;
  /** Human name, e.g. `pip requirements`. */
  label: string;
  /** What is read, for the README's formats table and hovers. */
  reads: string;
  /** Pure: text in, dependencies with exact name ranges out. Never throws on bad input (PW001). */
  parse(text: string, ctx?: ParseContext): ParsedDocument;
  /** Its dependencies count as declared for PW103 (undeclared-import) and workspace facts. */
  declares: boolean;
  /**
   * Whether "Add dependency" may write into it, and how early it is chosen among manifests of the
   * same folder (lower first); absent = never a place to add a dependency.
   */
  manifestRank?: number;
  /**
   * Content sniffing, asked only for files no name pattern (shared/formats.json) and no language id
   * claimed: true when the first bytes (at most SNIFF_BYTES, registry.ts) say the file is this
   * format, e.g. an extensionless script whose shebang runs a shell. Pure and cheap: the folder scan
   * asks it of every extensionless file.
   */
  sniff?(head: string): boolean;
  /**
   * Where its `-r`/`-c` targets are found, for formats that have them. `file`: next to the file,
   * as pip resolves a requirements file's includes (conda runs pip from the environment file's
   * folder, tox from tox.ini's, make from the Makefile's); a missing one is PW001. `unknown`: the
   * command runs from a folder the file does not say (a Dockerfile's WORKDIR, a CI job's checkout,
   * a README reader's shell), so a target is followed where it exists, next to the file or at the
   * project root, and a missing one is not reported.
   */
  includeBase?: 'file' | 'unknown';
}

function emptyDoc(kind: DocumentKind): ParsedDocument {
  return { kind, dependencies: [], problems: [], includes: [], indexes: [] };
}

/**
 * What a parser that threw still tells the user: one PW001 instead of a silent "no findings".
 * A RangeError is the stack running out on deeply nested input (the parsers guard against the
 * nesting they know of; this is the net under them).
 */
export function failedParse(kind: DocumentKind, e: unknown): ParsedDocument {
  const at = { line: 0, character: 0 };
  const detail = e instanceof Error ? e.message : String(e);
  const why = e instanceof RangeError ? 'nesting too deep' : `the parser failed (${detail.slice(0, 200)})`;
  const problem: ParseProblem = { range: { start: at, end: at }, message: `this file could not be fully analysed: ${why}`, severity: 'warning' };
  return { ...emptyDoc(kind), problems: [problem] };
}

/** Runs a parser; a throw becomes `failedParse`. */
export function guardedParse(kind: DocumentKind, parse: () => ParsedDocument | { dependencies: Dependency[]; problems: ParseProblem[] }): ParsedDocument {
  try {
    return { ...emptyDoc(kind), ...parse(), kind };
  } catch (e) {
    return failedParse(kind, e);
  }
}
