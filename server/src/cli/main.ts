// Entry point of the `pipwatch` command (bundled to dist/cli.js, package.json `bin`).
// stdout carries findings only; notes, the summary and errors go to stderr.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { redactText } from '../index/urls';
import { parseArgs, USAGE } from './args';
import { runCheck, StdinTooLarge } from './check';
import { MAX_FILE_BYTES } from '../workspace/files';

/** package.json's version, from the bundle (dist/) or the sources (server/src/cli/). */
export function version(): string {
  for (const p of [path.join(__dirname, '../package.json'), path.join(__dirname, '../../../package.json')]) {
    try {
      if (existsSync(p)) {
        const v = (JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string });
        if (v.name === 'pipwatch' && typeof v.version === 'string') return v.version;
      }
    } catch {
      // try the next candidate
    }
  }
  return 'unknown';
}

/** All of standard input as UTF-8, capped like any file (a larger input is a usage error). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of process.stdin) {
    total += (c as Buffer).length;
    if (total > MAX_FILE_BYTES) throw new StdinTooLarge();
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: readonly string[]): Promise<number> {
  // Every byte the CLI prints is redacted: a finding, a note or an error may quote a URL with
  // its userinfo (issue 8 §1).
  const out = (s: string): void => {
    process.stdout.write(redactText(s) + '\n');
  };
  const err = (s: string): void => {
    process.stderr.write(redactText(s) + '\n');
  };
  const parsed = parseArgs(argv);
  switch (parsed.command) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      out(`pipwatch ${version()}`);
      return 0;
    case 'error':
      err(`pipwatch: ${parsed.message}`);
      err('Run "pipwatch --help" for usage.');
      return 2;
    case 'mcp': {
      // Loaded on demand: the MCP SDK is not needed by `pipwatch check`.
      const { runMcp } = await import('./mcp.js');
      return runMcp(parsed.options, version(), err);
    }
    default:
      return runCheck(parsed.options, { cwd: process.cwd(), stdout: out, stderr: err, stdin: readStdin });
  }
}

/** Exit status for a failure Pipwatch did not foresee (a bug), distinct from findings and usage. */
export const EXIT_INTERNAL = 4;

function internalError(e: unknown): void {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const detail = process.env.PIPWATCH_DEBUG && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  process.stderr.write(redactText(`pipwatch: internal error: ${what} (a bug: please report it; set PIPWATCH_DEBUG=1 for details)${detail}`) + '\n');
}

/**
 * A rejection or exception that escapes every handler (issue 8 §5: a tampered cache once did) ends
 * the run with one clear, redacted line and exit 4 — not Node's stack dump, and never exit 0.
 */
export function installCrashHandlers(): void {
  const die = (e: unknown): void => {
    internalError(e);
    process.exit(EXIT_INTERNAL);
  };
  process.on('unhandledRejection', die);
  process.on('uncaughtException', die);
}

if (require.main === module) {
  installCrashHandlers();
  main(process.argv.slice(2)).then(
    (code) => {
      // Let stdout drain (piped output can be partial on a hard exit), then exit with the status.
      process.exitCode = code;
      // Safety net: an open socket or timer left by a dependency must not keep the CLI alive.
      setTimeout(() => process.exit(code), 2000).unref();
    },
    (e: unknown) => {
      internalError(e);
      process.exitCode = EXIT_INTERNAL;
    },
  );
}
