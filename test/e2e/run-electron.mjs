#!/usr/bin/env node
// Runs the e2e Mocha suite in desktop VS Code through @vscode/test-electron, for machines that
// can download VS Code (these build machines cannot: they use scripts/run-e2e.mjs instead).
// The extension under test is the source tree's bundles (npm run build first).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'pipwatch-electron-'));
const workspace = join(tmp, 'workspace');
cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
const userData = join(tmp, 'user');
mkdirSync(join(userData, 'User'), { recursive: true });
// Offline: no test touches the internet (the index-backed case needs scripts/run-e2e.mjs's fake index).
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'pipwatch.offline': true, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false }),
);

let code = 1;
try {
  code = await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'test', 'e2e', 'index.js'),
    launchArgs: [workspace, '--user-data-dir', userData, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { PIPWATCH_E2E_ELECTRON: '1' },
  });
} catch (err) {
  console.error(`test:electron failed: ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
