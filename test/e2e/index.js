// Standard Mocha entry for VS Code's extension test runner: the extension host loads this file
// and calls run(). The same file serves @vscode/test-electron (npm run test:electron) and the
// VS Code server in headless Chromium (npm run test:e2e).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const util = require('node:util');
const Mocha = require('mocha');

// Under scripts/run-e2e.mjs the report reaches the runner through the browser console, mixed
// with the workbench's own logging: a marker on every report line lets the runner pick it out.
if (process.env.PIPWATCH_E2E) {
  Mocha.reporters.Base.consoleLog = (...args) => console.log(`[e2e] ${args.length ? util.format(...args) : ''}`);
}

function run() {
  // Colours off: the report travels through the browser console as plain text.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // PIPWATCH_E2E_GREP=terminal runs only the matching cases (while working on one).
  if (process.env.PIPWATCH_E2E_GREP) mocha.grep(process.env.PIPWATCH_E2E_GREP);
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(dir, f));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}

module.exports = { run };
