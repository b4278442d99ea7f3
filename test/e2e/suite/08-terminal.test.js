// The integrated terminal (issue 9 §4) in the real VS Code: a bash terminal with VS Code's shell
// integration runs `pip install reqeusts`, where `pip` is a fake script first on PATH that prints
// what pip prints. Pipwatch warns when the command starts (the typed typosquat) and again when its
// output says what came in; the Uninstall action types the uninstall command into that terminal
// (not run: Enter runs it, and the fake pip records that it did).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');
const { activate, setWorkspaceSetting, waitFor } = require('./helpers');

function writeFakePip(dir, calls) {
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> '${calls}'`,
    'if [ "$1" = install ]; then',
    // Like pip, it takes a moment before printing: execution.read() yields only what is written
    // after the extension host has heard of the start (an IPC hop), so the output of a command
    // that ends within it cannot be read (the start check still runs). Real installs take seconds.
    '  sleep 1',
    '  echo "Collecting $2"',
    '  echo "Installing collected packages: nunpy, $2"',
    '  printf "\\033[32mSuccessfully installed\\033[0m nunpy-1.0 %s-2.0\\n" "$2"',
    'fi',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'pip'), script, { mode: 0o755 });
}

/** The terminal's shell integration, once VS Code's injected script has reported in. */
function shellIntegrationOf(term, timeoutMs) {
  if (term.shellIntegration) return Promise.resolve(term.shellIntegration);
  return new Promise((resolve, reject) => {
    const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal !== term) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.shellIntegration);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`shell integration did not activate within ${timeoutMs} ms (terminal.integrated.shellIntegration.enabled=${vscode.workspace.getConfiguration('terminal.integrated').get('shellIntegration.enabled')})`));
    }, timeoutMs);
  });
}

describe('integrated terminal (shell integration)', () => {
  let api;
  let dir;
  let term;
  let online;
  before(async () => {
    api = (await activate()).exports;
    // code-server 4.139 is VS Code 1.139: the shell-execution API (1.93+) must be there.
    assert.equal(typeof vscode.window.onDidStartTerminalShellExecution, 'function');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipwatch-fake-pip-'));
  });
  after(() => {
    term?.dispose();
    online?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pip install reqeusts: a warning at start, one for what the output says came in, and Uninstall typed into the terminal', async () => {
    const calls = path.join(dir, 'calls.log');
    writeFakePip(dir, calls);
    // HOME is the temp folder: VS Code's bash integration sources ~/.bashrc, and a machine's own rc
    // (pyenv shims, conda) would put its pip before the fake one.
    term = vscode.window.createTerminal({ name: 'pipwatch e2e', shellPath: '/bin/bash', env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir } });
    term.show();
    const si = await shellIntegrationOf(term, 30_000);
    si.executeCommand('pip install reqeusts');

    const start = await waitFor('the start warning', () => api.terminalWarnings().find((w) => w.phase === 'start'), 30_000);
    assert.equal(start.command, 'pip install reqeusts');
    assert.deepEqual(start.packages.map((p) => [p.name, p.source, p.findings[0].code]), [['reqeusts', 'command', 'PW101']]);
    assert.match(start.message, /reqeusts: PW101 .*requests/);
    assert.match(start.message, /cannot block/);
    assert.equal(start.uninstall, 'pip uninstall -y reqeusts');

    // The fake pip ran (it is what the terminal found first on PATH) and its output was read.
    const end = await waitFor('the end warning (names from the output)', () => api.terminalWarnings().find((w) => w.phase === 'end'), 30_000).catch((err) => {
      const ran = fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8') : '(the fake pip never ran)';
      throw new Error(`${err.message}; fake pip calls: ${JSON.stringify(ran)}; warnings: ${JSON.stringify(api.terminalWarnings().map((w) => w.message))}`);
    });
    assert.deepEqual(end.packages.map((p) => [p.name, p.source]), [['nunpy', 'output']], 'only what was not said at start');
    assert.match(end.message, /nunpy==1\.0 \(installed with it\): PW101/);
    assert.equal(end.uninstall, 'pip uninstall -y nunpy');
    assert.match(fs.readFileSync(calls, 'utf8'), /^install reqeusts$/m);

    // Details: the Markdown explanation, with the docs link of the code.
    const i = api.terminalWarnings().indexOf(start);
    assert.equal(await api.terminalAction(i, 'Details'), true);
    const md = await waitFor('the details document', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d && d.languageId === 'markdown' && d.getText().includes('PW101') ? d.getText() : undefined;
    });
    assert.match(md, /README\.md#pw101/);
    assert.match(md, /cannot stop or undo the install/);

    // Uninstall types the command without running it: text typed after it (here ` six`, then
    // Enter) lands on the same line, so the fake pip gets one call with both. Had the action run
    // the command itself, pip would have been called without `six`.
    assert.equal(await api.terminalAction(i, 'Uninstall'), true);
    term.sendText(' six', true);
    await waitFor('the fake pip to receive the uninstall', () => /^uninstall -y/m.test(fs.readFileSync(calls, 'utf8')), 20_000);
    assert.deepEqual(fs.readFileSync(calls, 'utf8').split('\n').filter((l) => l.startsWith('uninstall')), ['uninstall -y reqeusts six']);
  });
  it('with lookups on: a name on no index is an error from the index (PW201) in a start warning', async function () {
    if (!process.env.PIPWATCH_E2E_FAKE_INDEX) {
      console.log('[e2e]   SKIP online terminal case: no fake index in this run');
      this.skip();
    }
    const missing = 'definitely-not-a-real-package-xyz'; // test/fake-index/fixtures.ts FIXTURES.missing
    const before = api.terminalWarnings().length;
    const restore = await setWorkspaceSetting('offline', false);
    try {
      online = vscode.window.createTerminal({ name: 'pipwatch e2e online', shellPath: '/bin/bash', env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir } });
      const si = await shellIntegrationOf(online, 30_000);
      si.executeCommand(`pip install ${missing}`);
      const w = await waitFor('a PW201 warning from the fake index', () => api.terminalWarnings().slice(before).find((x) => x.packages.some((p) => p.name === missing && p.findings.some((f) => f.code === 'PW201'))), 30_000);
      assert.equal(w.phase, 'start');
      assert.match(w.message, new RegExp(`${missing}: PW201`));
      assert.equal(w.uninstall, `pip uninstall -y ${missing}`);
    } finally {
      await restore();
    }
  });
});
