// Index-backed findings from the fake index (test/fake-index on 127.0.0.1) land after the offline
// ones, when lookups are switched on through settings at run time. Last in the suite: going
// online re-checks every open document against the fake index.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { activate, open, pipwatchDiagnostics, setWorkspaceSetting, waitFor, waitForDiagnostic } = require('./helpers');

describe('index-backed findings (fake index)', () => {
  before(async function () {
    if (!process.env.PIPWATCH_E2E_FAKE_INDEX) {
      console.log('[e2e]   SKIP index-backed case: no fake index (test/fake-index/server.ts) in this run');
      this.skip();
    }
    await activate();
  });

  it('offline PW101 first; with lookups on, PW208 (OSV MAL-) and PW204 (yanked) follow', async () => {
    const cfg = vscode.workspace.getConfiguration('pipwatch');
    // The runner points the index URLs at the fake index; nothing here can reach the internet.
    assert.match(cfg.get('index.url'), /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(cfg.get('index.osvUrl'), /^http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(cfg.get('offline'), true);

    const doc = await open('requirements-index.txt');
    await waitForDiagnostic(doc.uri, 'PW101', [1, 0, 1, 8]);
    const before = pipwatchDiagnostics(doc.uri).map((d) => d.code);
    assert.deepEqual(before.filter((c) => c.startsWith('PW2')), [], 'offline: no index-backed codes yet');

    const restore = await setWorkspaceSetting('offline', false);
    try {
      const mal = await waitForDiagnostic(doc.uri, 'PW208', [1, 0, 1, 8], 30_000);
      assert.equal(mal.severity, vscode.DiagnosticSeverity.Error);
      assert.match(mal.message, /MAL-2024-1234/);
      const yanked = await waitFor('PW204 on yankedpin==2.0.0', () => pipwatchDiagnostics(doc.uri).find((d) => d.code === 'PW204' && d.range[0] === 2), 30_000);
      assert.match(yanked.message, /yanked/i);
      // The offline finding stays alongside the index ones.
      assert.ok(pipwatchDiagnostics(doc.uri).some((d) => d.code === 'PW101' && d.range[0] === 1));
      // requests==2.31.0 exists, is active and attested on the fake index: nothing to say.
      assert.deepEqual(pipwatchDiagnostics(doc.uri).filter((d) => d.range[0] === 3).map((d) => d.code), []);
    } finally {
      await restore();
    }
  });
});
