// Short, groupable causes for lookups that were asked for and could not complete (issue 8 §2):
// the CLI prints one stderr line per (source, cause), the editor status names them, hovers say why.
// Causes never hold a URL (the source does, redacted), so equal failures group whatever the package.
import { STATUS_CODES } from 'node:http';
import type { LookupFailure } from './facts';
import { FetchError } from './http';

const CREDENTIALS_HINT = 'check credentials';

export function httpFailure(status: number): LookupFailure {
  const phrase = STATUS_CODES[status];
  const cause = `HTTP ${status}${phrase ? ` ${phrase}` : ''}`;
  if (status === 401 || status === 403) return { cause, hint: CREDENTIALS_HINT };
  if (status === 429) return { cause, hint: 'rate limited; try again later' };
  return { cause };
}

export function invalidAnswer(): LookupFailure {
  return { cause: 'invalid answer', hint: 'the index sent something that is not a valid API response' };
}

export function foreignAnswer(): LookupFailure {
  return { cause: 'answer for a different project', hint: 'the index or a proxy in front of it is misconfigured' };
}

/** The failure a thrown error stands for; undefined for a cancelled request (not a failure). */
export function errorFailure(e: unknown): LookupFailure | undefined {
  if (!(e instanceof FetchError)) return { cause: 'internal error' };
  switch (e.kind) {
    case 'aborted':
      return undefined;
    case 'network': {
      const code = /^([A-Z][A-Z0-9_]+):/.exec(e.message)?.[1];
      return { cause: `unreachable${code ? ` (${code})` : ''}`, hint: 'check the URL and the network' };
    }
    case 'breaker':
      return { cause: 'unreachable (paused after repeated failures)', hint: 'check the URL and the network' };
    case 'timeout':
      return { cause: 'timed out', hint: 'a slow index: raise the timeout (pipwatch.index.timeoutMs)' };
    case 'too-large':
      return { cause: 'answer too large', hint: 'the response exceeded the size cap' };
    case 'redirect':
      return /another origin/.test(e.message)
        ? { cause: 'redirect to another origin refused', hint: 'credentials and trust are per origin; configure the final index URL' }
        : { cause: 'redirect loop or bad redirect' };
    case 'http':
      return e.status ? httpFailure(e.status) : { cause: 'HTTP error' };
    default:
      return { cause: e.kind };
  }
}
