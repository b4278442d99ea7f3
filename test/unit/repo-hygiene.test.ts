// The repository never tracks a worktree's local links or caches: helper worktrees symlink
// node_modules and .cache to the main worktree, and a committed link replaces the main worktree's
// real directory when it is checked out there (it happened twice). This test makes such a commit
// fail before it can land.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');

describe('repository hygiene', () => {
  it('node_modules, .cache and dist are not tracked', (t) => {
    const r = spawnSync('git', ['ls-files', '--', 'node_modules', '.cache', 'dist'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      t.diagnostic(`SKIP: not a git checkout (${r.stderr.trim()})`);
      console.log('SKIP repo-hygiene: not a git checkout');
      return;
    }
    assert.equal(r.stdout.trim(), '', `tracked but must not be: ${r.stdout.trim()} (git rm --cached them)`);
  });
});
