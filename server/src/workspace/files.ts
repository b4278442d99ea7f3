// File helpers for the parts allowed to read the disk (CLI, workspace scan, server glue):
// URI <-> path conversion and a size-capped text read.
import { readFileSync, statSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Files larger than this are not read: no manifest or source file is legitimately this big. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

export function pathToUri(p: string): string {
  return pathToFileURL(path.resolve(p)).href;
}

/** A `file:` URI to a path; anything else (a plain path) is returned resolved. */
export function uriToPath(uriOrPath: string): string | undefined {
  if (uriOrPath.startsWith('file:')) {
    try {
      return fileURLToPath(uriOrPath);
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uriOrPath)) return undefined; // untitled:, vscode-remote://, …
  return path.resolve(uriOrPath);
}

function decode(buf: Buffer): string {
  // UTF-8 is what pip, PEP 621 (TOML is UTF-8 by spec) and PEP 3120 source files use.
  return buf.toString('utf8');
}

export function readTextFileSync(p: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  try {
    const st = statSync(p);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxBytes) return { ok: false, reason: `larger than ${Math.round(maxBytes / 1048576)} MB, skipped` };
    return { ok: true, text: decode(readFileSync(p)) };
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

export async function readTextFile(p: string, maxBytes = MAX_FILE_BYTES): Promise<ReadResult> {
  try {
    const st = await fsp.stat(p);
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxBytes) return { ok: false, reason: `larger than ${Math.round(maxBytes / 1048576)} MB, skipped` };
    return { ok: true, text: decode(await fsp.readFile(p)) };
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

/** A read failure in words: `EACCES` is "permission denied (EACCES)", a size cap says its size. */
export function readableReason(reason: string): string {
  const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'a folder', ENOENT: 'gone', ELOOP: 'a link loop' };
  const r = reason.replace(/, skipped$/, '');
  return words[r] ? `${words[r]} (${r})` : r;
}

/** Thrown by an include reader for a file that exists but cannot be read: the reason is shown. */
export class UnreadableInclude extends Error {}

/** Read failures that mean "no such file" (an include that is missing, not unreadable). */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);

/**
 * `readFile` callback for the engine's include resolution (`-r`/`-c`), size-capped: undefined
 * for a missing file; an `UnreadableInclude` with the reason for one too large or not readable,
 * so the include line says why it was not read instead of "not found".
 */
export function includeReader(maxBytes = MAX_FILE_BYTES): (absPath: string) => string | undefined {
  return (p) => {
    const r = readTextFileSync(p, maxBytes);
    if (r.ok) return r.text;
    if (MISSING.has(r.reason)) return undefined;
    throw new UnreadableInclude(readableReason(r.reason));
  };
}

/**
 * The first `bytes` bytes of a regular file as text, for content sniffing: never the whole file
 * (a 2 GB binary costs one small read). Undefined when unreadable, not a regular file, or binary
 * (a NUL byte, as git and grep decide).
 */
export async function readHead(p: string, bytes: number): Promise<string | undefined> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(p, 'r');
    if (!(await fh.stat()).isFile()) return undefined;
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    const head = buf.subarray(0, bytesRead);
    return head.includes(0) ? undefined : decode(head);
  } catch {
    return undefined;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
