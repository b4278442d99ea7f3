// Every file kind reaches the editor (issue 7 §5): a uv.lock (no language of its own: sent
// because shared/formats.json's patterns are the document selector) and a file with a name no
// pattern knows, included by a requirements file (the server announces it, the client gives it
// the pip-requirements language, then VS Code sends it).
'use strict';
const assert = require('node:assert/strict');
const { activate, open, waitFor, waitForDiagnostic } = require('./helpers');

describe('formats registry in VS Code', () => {
  before(activate);

  it('uv.lock: PW101 on the locked typosquat `reqeusts`, at its name in [[package]]', async () => {
    const doc = await open('lock/uv.lock');
    const d = await waitForDiagnostic(doc.uri, 'PW101', [16, 8, 16, 16]);
    assert.equal(doc.getText(d.raw.range), 'reqeusts');
    assert.match(d.message, /'requests'/);
  });

  it('deps/prod.txt, included by requirements-prod.txt: analysed as pip requirements, PW101 on line 2', async () => {
    const doc = await open('deps/prod.txt');
    const d = await waitForDiagnostic(doc.uri, 'PW101', [1, 0, 1, 8]);
    assert.match(d.message, /'requests'/);
    const reopened = await waitFor('the pip-requirements language on deps/prod.txt', () =>
      require('vscode').workspace.textDocuments.find((t) => t.uri.toString() === doc.uri.toString() && t.languageId === 'pip-requirements'),
    );
    assert.ok(reopened);
  });
});
