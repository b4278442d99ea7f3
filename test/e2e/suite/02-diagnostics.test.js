// Diagnostics with codes and exact name ranges in the three kinds of file, and the hover.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { activate, hoverText, open, pipwatchDiagnostics, waitFor, waitForDiagnostic } = require('./helpers');

describe('diagnostics and hover', () => {
  before(activate);

  it('requirements.txt: PW101 on the name `reqeusts`, an error, with its docs link; nothing on flask', async () => {
    const doc = await open('requirements.txt');
    const d = await waitForDiagnostic(doc.uri, 'PW101', [1, 0, 1, 8]);
    assert.equal(doc.getText(d.raw.range), 'reqeusts');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, 'strong evidence against a top-100 project');
    assert.match(d.message, /'reqeusts' looks like a typo of 'requests'/);
    assert.match(d.href ?? '', /#pw101$/);
    assert.ok(!pipwatchDiagnostics(doc.uri).some((x) => x.range[0] === 2), 'flask>=3.0 is clean');
  });

  it('pyproject.toml: PW101 on `djnago` inside the TOML string', async () => {
    const doc = await open('pyproject.toml');
    const d = await waitForDiagnostic(doc.uri, 'PW101', [4, 5, 4, 11]);
    assert.equal(doc.getText(d.raw.range), 'djnago');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /'django'/);
  });

  it('app.py: PW101 on the imported module `nupmy` (a typo of numpy); stdlib `os` is untouched', async () => {
    const doc = await open('app.py');
    const d = await waitForDiagnostic(doc.uri, 'PW101', [3, 7, 3, 12]);
    assert.equal(doc.getText(d.raw.range), 'nupmy');
    assert.match(d.message, /'numpy'/);
    assert.ok(!pipwatchDiagnostics(doc.uri).some((x) => x.range[0] === 1), 'import os has no finding');
  });

  it('hover names the target, its rank and the reason', async () => {
    const doc = await open('requirements.txt');
    await waitForDiagnostic(doc.uri, 'PW101', [1, 0, 1, 8]);
    const text = await waitFor('a Pipwatch hover on reqeusts', async () => {
      const t = await hoverText(doc.uri, new vscode.Position(1, 3));
      return /requests/.test(t) && /swapped/.test(t) ? t : undefined;
    });
    assert.match(text, /typo/i);
    assert.match(text, /#6\b|rank/i);
  });
});
