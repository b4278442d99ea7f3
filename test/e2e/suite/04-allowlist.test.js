// Settings flow from VS Code to the server without a restart: the allowlist silences a name,
// and the "Add to allowlist" code action is persisted by the client into workspace settings.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { activate, open, setWorkspaceSetting, waitFor, waitForDiagnostic, waitForNoDiagnostic } = require('./helpers');

describe('allowlist', () => {
  before(activate);

  it('pipwatch.allowlist = ["djnago"] clears the pyproject diagnostic; removing it brings it back', async () => {
    const doc = await open('pyproject.toml');
    await waitForDiagnostic(doc.uri, 'PW101', [4, 5, 4, 11]);
    const restore = await setWorkspaceSetting('allowlist', ['djnago']);
    try {
      await waitForNoDiagnostic(doc.uri, 'PW101', 4);
    } finally {
      await restore();
    }
    await waitForDiagnostic(doc.uri, 'PW101', [4, 5, 4, 11]);
  });

  it("the 'Add to allowlist' action on an import is saved to workspace settings and clears it", async () => {
    const doc = await open('app.py');
    const d = await waitForDiagnostic(doc.uri, 'PW101', [3, 7, 3, 12]);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.raw.range, vscode.CodeActionKind.QuickFix.value);
    const allow = actions.find((a) => /allowlist/i.test(a.title));
    assert.ok(allow, `an allowlist action among: ${actions.map((a) => a.title).join(' | ')}`);
    try {
      if (allow.edit) assert.equal(await vscode.workspace.applyEdit(allow.edit), true);
      if (allow.command) await vscode.commands.executeCommand(allow.command.command, ...(allow.command.arguments ?? []));
      await waitFor('nupmy in the workspace pipwatch.allowlist', () =>
        (vscode.workspace.getConfiguration('pipwatch').inspect('allowlist')?.workspaceValue ?? []).includes('nupmy'),
      );
      await waitForNoDiagnostic(doc.uri, 'PW101', 3);
    } finally {
      // The server keeps names added through its command for the session (settings-store
      // extraAllowlist), so removing it from settings does not bring the finding back until a
      // restart; 05-commands restarts the server and checks app.py again.
      await vscode.workspace.getConfiguration('pipwatch').update('allowlist', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
