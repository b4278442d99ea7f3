// The packaged extension is the one under test, it activates, and it contributes its language.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { EXTENSION_ID, activate, open, pipwatchDiagnostics, waitForDiagnostic } = require('./helpers');

describe('activation and contributions', () => {
  let ext;
  before(async () => {
    ext = await activate();
  });

  it('runs the packaged .vsix contents (bundles only, no sources or tests)', function () {
    const expected = process.env.PIPWATCH_E2E_EXTENSION_DIR;
    if (!expected) {
      // @vscode/test-electron runs the source tree (extensionDevelopmentPath = repo root).
      this.skip();
    }
    assert.equal(path.resolve(ext.extensionPath), path.resolve(expected));
    for (const f of ['package.json', 'dist/client.js', 'dist/server.js', 'syntaxes/pip-requirements.tmLanguage.json']) {
      assert.ok(fs.existsSync(path.join(ext.extensionPath, f)), `${f} is in the package`);
    }
    for (const f of ['test', 'client/src', 'server/src', 'node_modules', 'tsconfig.json']) {
      assert.ok(!fs.existsSync(path.join(ext.extensionPath, f)), `${f} is not shipped`);
    }
    assert.equal(ext.packageJSON.name, 'pipwatch');
    assert.equal(ext.isActive, true);
  });

  it('gives requirements-dev.txt and requirements.txt the pip-requirements language', async () => {
    assert.equal((await open('requirements-dev.txt')).languageId, 'pip-requirements');
    assert.equal((await open('requirements.txt')).languageId, 'pip-requirements');
  });

  it('a pip-tools input (requirements/base.in) is pip-requirements and checked; MANIFEST.in is neither', async () => {
    // MANIFEST.in first: by the time base.in (opened after it) has its finding, the server has
    // seen MANIFEST.in too, so an empty list there means "not analysed", not "not yet".
    const manifest = await open('MANIFEST.in');
    assert.notEqual(manifest.languageId, 'pip-requirements', 'setuptools MANIFEST.in is not a requirements file');
    const base = await open('requirements/base.in');
    assert.equal(base.languageId, 'pip-requirements');
    await waitForDiagnostic(base.uri, 'PW101', [2, 0, 2, 6]);
    assert.deepEqual(pipwatchDiagnostics(manifest.uri), []);
  });

  it('registers the four palette commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['pipwatch.scanWorkspace', 'pipwatch.showOutput', 'pipwatch.clearCache', 'pipwatch.restartServer']) {
      assert.ok(all.includes(c), `${c} registered`);
    }
  });

  it('sees the settings the runner wrote (offline, index URLs on 127.0.0.1)', function () {
    if (!process.env.PIPWATCH_E2E) this.skip();
    const cfg = vscode.workspace.getConfiguration('pipwatch');
    assert.equal(cfg.get('offline'), true);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID).extensionPath, ext.extensionPath);
  });
});
