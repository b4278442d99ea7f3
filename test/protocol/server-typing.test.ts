// Steady typing (issue 8 §7): the 200 ms trailing debounce alone publishes nothing while changes
// keep coming; the maximum wait (1 s) makes diagnostics refresh during continuous edits. The
// 50 ms pause between changes is the typing being simulated, not a synchronisation: the assertion
// is on what the server pushed before the last change was sent.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureBuilt, pathToFileUri, TestClient } from './helpers/lsp-client';

before(() => ensureBuilt());

describe('debounce with a maximum wait', () => {
  it('a change every 50 ms for 2 s still gets diagnostics before the typing stops', async () => {
    const { client: c } = await TestClient.start({ mode: 'push', settings: { offline: true } });
    try {
      const uri = pathToFileUri('/pipwatch-typing/requirements.txt');
      await c.open(uri, 'pip-requirements', 'flask\n', 1);
      await c.waitForPushed(uri, (p) => p.version === 1);
      let version = 1;
      let whileTyping: PublishDiagnosticsParams | undefined;
      const t0 = Date.now();
      while (Date.now() - t0 < 2000) {
        version++;
        await c.change(uri, version, `reqeusts\n# edit ${version}\n`);
        whileTyping ??= (c.pushed.get(uri) ?? []).find((p) => (p.version ?? 0) >= 2);
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(whileTyping, `no diagnostics published during ${version - 1} changes over 2 s`);
      assert.ok(whileTyping.diagnostics.some((d) => d.code === 'PW101'), 'the refreshed diagnostics are for the new text');
      // And the final text is analysed once the typing stops.
      await c.waitForPushed(uri, (p) => p.version === version);
    } finally {
      await c.stop();
    }
  });
});
