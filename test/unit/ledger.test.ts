// The failure ledger (index/ledger.ts): grouping by source and coarse cause, status changes only
// when the set of failing (source, cause) pairs changes, and linear cost in a long outage.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailureLedger } from '../../server/src/index/ledger';

const IX = 'index https://pkgs.example/simple/';

describe('FailureLedger', () => {
  it('groups ECONNREFUSED and breaker-paused as one unreachable cause; notifies per pair, not per name', () => {
    let changes = 0;
    const l = new FailureLedger(() => changes++);
    for (const n of ['a', 'b']) l.asked(n);
    l.failed({ cause: 'unreachable (ECONNREFUSED)', source: IX }, 'a');
    l.failed({ cause: 'unreachable (paused after repeated failures)', source: IX }, 'b');
    assert.equal(changes, 1);
    const r = l.report();
    assert.deepEqual(r.groups.map((g) => [g.cause, g.packages]), [['unreachable (ECONNREFUSED)', ['a', 'b']]]);
    assert.equal(l.current().length, 1);
    l.answered(IX, 'c'); // the source answered another project: it is reachable again
    assert.deepEqual(l.current(), []);
    assert.equal(changes, 2);
    assert.equal(l.report().groups[0]?.packages.length, 2, 'the run report stays cumulative');
  });

  it('an HTTP failure clears only when its own project is answered', () => {
    const l = new FailureLedger(() => undefined);
    l.failed({ cause: 'HTTP 401 Unauthorized', source: IX }, 'a');
    l.failed({ cause: 'HTTP 401 Unauthorized', source: IX }, 'b');
    l.answered(IX, 'c');
    assert.equal(l.current().length, 1);
    l.answered(IX, 'a');
    assert.equal(l.current().length, 1);
    l.answered(IX, 'b');
    assert.deepEqual(l.current(), []);
  });

  it('30,000 failures and answers in linear time (no per-event scan; quadratic took minutes)', () => {
    let changes = 0;
    const l = new FailureLedger(() => changes++);
    const t0 = performance.now();
    for (let i = 0; i < 30_000; i++) {
      l.asked(`p${i}`);
      l.failed({ cause: 'HTTP 403 Forbidden', source: IX }, `p${i}`);
    }
    for (let i = 0; i < 30_000; i++) l.answered(IX, `p${i}`);
    const ms = performance.now() - t0;
    assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
    assert.equal(changes, 2);
    assert.deepEqual(l.current(), []);
  });
});
