// Index checks that could not run are findings, never silence (issue 10 §3): a rule that throws on
// one dependency, a lookup that throws instead of answering `unknown`, or an index phase that fails
// as a whole leaves the engine's caller with fewer findings than the index would have given. Each
// becomes a PW002 (the code of "index lookup did not complete"): on the dependency's line, with
// `evidence.failures` like PW002's own, so `pipwatch check` exits 3 and the editor shows the hint.
// Reported even when the lookup-incomplete rule is off: turning a hint off must not turn a bug
// into a clean result.
import { CODES } from '../core/codes';
import type { Dependency, Finding } from '../core/types';

const info = CODES.lookupIncomplete;
const FAILURE = { cause: 'internal error', source: 'pipwatch', hint: 'a bug: please report it' };

/** Why in one bounded line (error messages may quote index data). */
function why(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/[\r\n]+/g, ' ').slice(0, 200);
}

/** `what` could not run on `dep`: its index findings are unknown. */
export function checkNotRun(dep: Dependency, what: string, e: unknown): Finding {
  return {
    code: info.code,
    rule: info.rule,
    severity: info.defaultSeverity,
    message: `${what} could not run on '${dep.rawName}' (${why(e)}): its index findings are unknown`,
    range: dep.range,
    dependency: dep,
    fixes: [],
    evidence: { failures: [{ ...FAILURE }] },
  };
}

/** The whole index phase of a document failed: one PW002 at its start. */
export function indexPhaseFailed(e: unknown): Finding {
  const at = { line: 0, character: 0 };
  return {
    code: info.code,
    rule: info.rule,
    severity: info.defaultSeverity,
    message: `index checks of this file could not run (${why(e)}): every index finding is unknown`,
    range: { start: at, end: at },
    fixes: [],
    evidence: { failures: [{ ...FAILURE }] },
  };
}
