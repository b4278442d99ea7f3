// Silence audit (issue 10 §3): an index check that throws is a PW002 on its line, never a missing
// finding. A client whose answers break the rules (a found project without `files`, the shape a
// buggy client or a half-written cache mapping could produce), a lookup that throws instead of
// answering `unknown`, and an index phase that fails as a whole each leave a PW002 with
// `evidence.failures`, also with the lookup-incomplete rule turned off; and `pipwatch check`
// counts any PW002 as an incomplete run (exit 3, not 0).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeOffline, analyzeOnline, type AnalysisInput } from '../../server/src/assess/engine';
import { anyIncomplete, exitStatus } from '../../server/src/cli/output';
import { CODES } from '../../server/src/core/codes';
import { normalizeSettings } from '../../server/src/core/settings';
import type { IndexClient } from '../../server/src/index/client';

const PW002 = CODES.lookupIncomplete.code;

function input(rules: Record<string, unknown> = {}): AnalysisInput {
  return { uri: '/p/requirements.txt', text: 'flask==3.0.0\nclick\n', settings: normalizeSettings({ rules }), workspace: { declared: new Set(), firstParty: new Set() } };
}

/** A stand-in client: `answer` decides what every lookup returns or throws. */
function client(answer: (name: string) => unknown): IndexClient {
  return { lookup: async (name: string) => answer(name) } as unknown as IndexClient;
}

const broken = (name: string): unknown => ({ name, primary: { state: 'found', value: { indexUrl: 'https://pkgs.example/simple/', name, versions: ['3.0.0'] } }, extras: [] });

describe('index checks that cannot run are findings', () => {
  it('a rule that throws on an answer: PW002 on that line, naming the rule, with the failure as evidence', async () => {
    const inp = input();
    const out = await analyzeOnline(analyzeOffline(inp), inp, client(broken));
    const notRun = out.filter((f) => f.code === PW002 && /could not run/.test(f.message));
    assert.deepEqual([...new Set(notRun.map((f) => f.range.start.line))].sort(), [0, 1], out.map((f) => `${f.code} ${f.message}`).join('\n'));
    assert.match(notRun[0]!.message, /^rule [a-z-]+ \(PW2\d\d\) could not run on 'flask' \(.+\): its index findings are unknown$/);
    assert.deepEqual(notRun[0]!.evidence, { failures: [{ cause: 'internal error', source: 'pipwatch', hint: 'a bug: please report it' }] });
  });

  it('a lookup that throws: PW002 on its line even with the lookup-incomplete rule off', async () => {
    const inp = input({ 'lookup-incomplete': { enable: false } });
    const out = await analyzeOnline(analyzeOffline(inp), inp, client((n) => {
      if (n === 'click') throw new Error('boom\nsecond line');
      return { name: n, primary: { state: 'missing' }, extras: [] };
    }));
    const f = out.find((x) => x.code === PW002);
    assert.ok(f, out.map((x) => x.code).join(','));
    assert.equal(f.range.start.line, 1);
    assert.equal(f.message, "the index lookup could not run on 'click' (boom second line): its index findings are unknown");
  });

  it('the whole index phase failing: one PW002 at the start of the file, the offline findings kept', async () => {
    const inp = input();
    const a = analyzeOffline(inp);
    const out = await analyzeOnline({ ...a, lookups: null as never }, inp, client(broken));
    assert.equal(out.filter((f) => f.code === PW002).length, 1);
    assert.match(out.find((f) => f.code === PW002)!.message, /^index checks of this file could not run/);
  });

  it('the CLI counts any PW002 as incomplete: exit 3 under the default --fail-on, not 0', () => {
    const pw002 = { path: 'r.txt', finding: { code: PW002, rule: 'lookup-incomplete', severity: 'hint' as const, message: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, fixes: [] } };
    assert.equal(anyIncomplete({ total: 0, groups: [] }, []), false);
    assert.equal(anyIncomplete({ total: 0, groups: [] }, [pw002]), true);
    assert.equal(exitStatus(false, anyIncomplete({ total: 0, groups: [] }, [pw002]), false), 3);
  });
});
