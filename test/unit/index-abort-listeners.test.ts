// One AbortSignal shared by many lookups (a document's index phase) must not pile up 'abort'
// listeners: every concurrent request used to add its own (join, semaphore, attempt, OSV race),
// and past ten Node prints MaxListenersExceededWarning into the editor's log (issue 8 §7).
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { publicData } from '../fake-index/fixtures';
import { makeClient } from '../fake-index/harness';
import { fakeIndex } from '../protocol/helpers/fixtures';
import { onAbort } from '../../server/src/index/abort';

const fake = fakeIndex({ data: publicData() });

describe('abort listeners', () => {
  it('60 concurrent lookups on one signal: no MaxListenersExceededWarning, no listener left behind', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    const ctrl = new AbortController();
    let peak = 0;
    const { client } = makeClient(fake);
    try {
      const names = ['requests', 'flask', ...Array.from({ length: 58 }, (_, i) => `no-such-project-${i}`)];
      const lookups = names.map((n) => client.lookup(n, { version: '1.0', signal: ctrl.signal }));
      const probe = setInterval(() => (peak = Math.max(peak, getEventListeners(ctrl.signal, 'abort').length)), 1);
      const facts = await Promise.all(lookups);
      clearInterval(probe);
      assert.equal(facts.length, 60);
      assert.ok(facts.every((f) => f.primary.state !== 'unknown'), 'every lookup completed');
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message), []);
      assert.ok(peak <= 1, `at most one listener on the shared signal at any time (saw ${peak})`);
      assert.equal(getEventListeners(ctrl.signal, 'abort').length, 0, 'nothing left on the signal');
    } finally {
      process.off('warning', onWarning);
      await client.dispose();
    }
  });

  it('onAbort: one listener per signal, subscribers called once on abort, unsubscribe removes it', () => {
    const ctrl = new AbortController();
    const calls: string[] = [];
    const offs = Array.from({ length: 30 }, (_, i) => onAbort(ctrl.signal, () => calls.push(String(i))));
    assert.equal(getEventListeners(ctrl.signal, 'abort').length, 1);
    for (const off of offs.slice(1)) off();
    ctrl.abort();
    ctrl.abort();
    assert.deepEqual(calls, ['0']);
    assert.equal(getEventListeners(ctrl.signal, 'abort').length, 0);
    const late: string[] = [];
    onAbort(ctrl.signal, () => late.push('late'));
    assert.deepEqual(late, ['late'], 'an already aborted signal calls at once');
  });
});
