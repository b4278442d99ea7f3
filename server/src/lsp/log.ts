// Logging through the connection with levels: stdout is the LSP channel, so the server never
// uses the global console (bash-language-server util/logger.ts does the same). `once` keeps a repeated
// failure (a dead index, a broken setting) to one line in the log.
import type { RemoteConsole } from 'vscode-languageserver';
import { redactText } from '../index/urls';

export type Level = 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
  /** Logs `msg` the first time `key` is seen (until `reset(key)`). */
  once(key: string, level: Level, msg: string): void;
  reset(key: string): void;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export function createLogger(remote: RemoteConsole): Logger {
  const seen = new Set<string>();
  const write = (level: Level, raw: string): void => {
    // Every line is redacted here, whatever built it: an error message from a dependency may quote
    // a URL with its userinfo (issue 8 §1).
    const msg = redactText(raw);
    try {
      if (level === 'error') remote.error(msg);
      else if (level === 'warn') remote.warn(msg);
      else if (level === 'info') remote.info(msg);
      else remote.log(msg); // window/logMessage type Log: the debug level
    } catch {
      // The connection is gone (client exited): nothing left to tell.
    }
  };
  return {
    error: (m) => write('error', m),
    warn: (m) => write('warn', m),
    info: (m) => write('info', m),
    debug: (m) => write('debug', m),
    once(key, level, msg) {
      if (seen.has(key)) return;
      seen.add(key);
      write(level, msg);
    },
    reset: (key) => void seen.delete(key),
  };
}
