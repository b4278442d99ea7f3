#!/usr/bin/env node
// Runs node's built-in test runner over test files through tsx, so tests execute the TypeScript
// sources directly. Node 20's --test takes no globs, hence this walker.
// Usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/unit test/protocol)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2);
const targets = roots.length > 0 ? roots : ['test/unit', 'test/protocol'];
const files = [];
function walk(p) {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p).sort()) walk(join(p, e));
  } else if (/\.test\.ts$/.test(p)) {
    files.push(p);
  }
}
for (const t of targets) walk(t);
if (files.length === 0) {
  console.error(`run-tests: no test files under ${targets.join(', ')}`);
  process.exit(1);
}
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
});
process.exit(res.status ?? 1);
