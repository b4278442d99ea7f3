// The preferred quick fix, applied by the editor and saved, fixes the file on disk.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const vscode = require('vscode');
const { activate, open, waitFor, waitForDiagnostic, waitForNoDiagnostic } = require('./helpers');

describe('quick fix', () => {
  before(activate);

  it("'Replace with 'requests'' turns reqeusts into requests on disk after save", async () => {
    const doc = await open('requirements.txt');
    const d = await waitForDiagnostic(doc.uri, 'PW101', [1, 0, 1, 8]);
    const actions = await waitFor('code actions on reqeusts', async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.raw.range, vscode.CodeActionKind.QuickFix.value);
      return list && list.some((a) => a.edit) ? list : undefined;
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.title, "Replace with 'requests'");
    assert.ok(actions.some((a) => /allowlist/i.test(a.title)), 'an allowlist action is offered too');

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'edit applied');
    assert.equal(doc.lineAt(1).text, 'requests==2.31.0');
    assert.equal(await doc.save(), true, 'saved');
    const disk = fs.readFileSync(doc.uri.fsPath, 'utf8');
    assert.match(disk, /^requests==2\.31\.0$/m);
    assert.doesNotMatch(disk, /reqeusts/);
    await waitForNoDiagnostic(doc.uri, 'PW101', 1);
  });
});
