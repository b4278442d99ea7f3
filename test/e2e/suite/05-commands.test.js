// Palette commands that talk to the server: workspace scan and restart.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { activate, open, pipwatchDiagnostics, waitFor, waitForDiagnostic } = require('./helpers');

describe('commands', () => {
  before(activate);

  it('Pipwatch: Scan Workspace reports the fixture files and findings', async () => {
    const result = await vscode.commands.executeCommand('pipwatch.scanWorkspace');
    assert.ok(result, 'the scan returned a result');
    assert.equal(result.cancelled, false);
    // requirements.txt, requirements-dev.txt, pyproject.toml, app.py
    assert.ok(result.files >= 4, `files scanned: ${result.files}`);
    // djnago (pyproject) and nupmy (app.py) remain; requirements.txt was fixed earlier.
    assert.ok(result.findings >= 2, `findings: ${result.findings}`);
  });

  it('Pipwatch: Clear Cache reaches the server command and succeeds', async () => {
    assert.equal(await vscode.commands.executeCommand('pipwatch.clearCache'), true);
  });

  it('Pipwatch: Restart Server comes back and analyses a fresh edit', async () => {
    await vscode.commands.executeCommand('pipwatch.restartServer');
    const doc = await open('requirements-dev.txt');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), 'nunpy>=2\n');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const line = doc.lineCount - 2;
    await waitFor(`a Pipwatch finding on the added line ${line}`, () =>
      pipwatchDiagnostics(doc.uri).find((d) => d.range[0] === line && d.range[1] === 0),
    );
    // Other documents keep working after the restart.
    const app = await open('app.py');
    await waitForDiagnostic(app.uri, 'PW101', [3, 7, 3, 12]);
  });
});
