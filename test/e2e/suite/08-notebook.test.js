// Jupyter notebooks in the real VS Code (issue 9 §2): the built-in ipynb extension's serializer
// opens the fixture as a `jupyter-notebook`, vscode-languageclient syncs it to the server by LSP
// notebook sync, and each finding lands on its own cell, in the cell's own positions.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { activate, pipwatchDiagnostics, waitFor, waitForDiagnostic, workspaceUri } = require('./helpers');

describe('notebooks in VS Code', () => {
  before(activate);

  it('a %pip typo in cell 2 and an undeclared import in cell 3: each on its cell, nothing elsewhere', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceUri('notebooks/analysis.ipynb'));
    assert.equal(nb.notebookType, 'jupyter-notebook', 'the built-in ipynb serializer opened it');
    await vscode.window.showNotebookDocument(nb);
    const cells = nb.getCells();
    assert.equal(cells.length, 4);
    const [md, pip, imports, last] = cells;
    assert.equal(pip.document.languageId, 'python');

    const typo = await waitForDiagnostic(pip.document.uri, 'PW101', [0, 13, 0, 21]);
    assert.equal(pip.document.getText(typo.raw.range), 'reqeusts');
    assert.match(typo.message, /'requests'/);
    const yaml = await waitForDiagnostic(imports.document.uri, 'PW103', [1, 7, 1, 11]);
    assert.match(yaml.message, /PyYAML/);
    // The cells were analysed as one notebook, not each as a Python file of its own: `%pip` is
    // an install command only to the notebook parser, and no cell got a finding twice.
    assert.deepEqual(pipwatchDiagnostics(pip.document.uri).map((d) => d.code), ['PW101']);
    assert.deepEqual(pipwatchDiagnostics(imports.document.uri).map((d) => d.code), ['PW103']);
    assert.deepEqual(pipwatchDiagnostics(md.document.uri), []);
    assert.deepEqual(pipwatchDiagnostics(last.document.uri), []);
    assert.deepEqual(pipwatchDiagnostics(nb.uri), [], 'nothing on the .ipynb file itself');

    // The quick fix works on the cell: its edit targets the cell, and the finding goes away.
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', pip.document.uri, typo.raw.range);
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix, `no preferred fix in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(pip.document.getText(), '%pip install requests\n');
    await waitFor('no PW101 on the fixed cell', () => pipwatchDiagnostics(pip.document.uri).length === 0);
    assert.deepEqual(pipwatchDiagnostics(imports.document.uri).map((d) => d.code), ['PW103']);
  });
});
