// Issue 8 §11: an untrusted workspace cannot set the settings that silence its own findings or
// choose where its names go. VS Code drops those workspace values itself (package.json
// restrictedConfigurations); the server drops them again when the client marks them as
// workspace-scoped, and treats settings without such marks (Neovim, Helix) as the user's own.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, dropWorkspaceValues, normalizeSettings, TRUST_RESTRICTED_SETTINGS } from '../../server/src/core/settings';

const ROOT = path.resolve(__dirname, '../..');
const norm = (raw: unknown, trusted: boolean) => normalizeSettings(dropWorkspaceValues(raw, trusted).raw);

const SILENCING = {
  allowlist: ['evil-internal'],
  rules: { 'not-on-index': { enable: false } },
  offline: true,
  index: { url: 'https://evil.example/simple/', privatePackages: ['*'], osvEnabled: false, concurrency: 3 },
  releaseAge: { cooldownDays: 0 },
};

describe('settings trust restrictions', () => {
  it('untrusted: every workspace-scoped restricted value falls back to the user value or the default', () => {
    const raw = {
      ...SILENCING,
      workspaceScoped: { allowlist: {}, rules: {}, offline: { userValue: false }, 'index.url': {}, 'index.privatePackages': { userValue: ['acme-*'] }, 'index.osvEnabled': {}, 'releaseAge.cooldownDays': {} },
    };
    const d = dropWorkspaceValues(raw, false);
    assert.deepEqual(d.ignored.sort(), ['allowlist', 'index.osvEnabled', 'index.privatePackages', 'index.url', 'offline', 'releaseAge.cooldownDays', 'rules']);
    const s = normalizeSettings(d.raw);
    assert.deepEqual(s.allowlist, []);
    assert.deepEqual(s.rules, {});
    assert.equal(s.offline, false);
    assert.equal(s.index.url, DEFAULT_SETTINGS.index.url);
    assert.deepEqual(s.index.privatePackages, ['acme-*'], "the user's own globs stay");
    assert.equal(s.index.osvEnabled, true);
    assert.equal(s.releaseAge.cooldownDays, DEFAULT_SETTINGS.releaseAge.cooldownDays);
    assert.equal(s.index.concurrency, 3, 'settings that cannot silence anything are not restricted');
  });

  it('trusted: workspace values apply', () => {
    const s = norm({ ...SILENCING, workspaceScoped: { allowlist: {}, offline: {}, rules: {} } }, true);
    assert.deepEqual(s.allowlist, ['evil-internal']);
    assert.equal(s.offline, true);
    assert.equal(s.rules['not-on-index']?.enable, false);
  });

  it('a client that marks nothing (plain LSP: Neovim settings) is the user: its values apply even untrusted', () => {
    const s = norm(SILENCING, false);
    assert.deepEqual(s.allowlist, ['evil-internal']);
    assert.equal(s.offline, true);
    assert.deepEqual(s.index.privatePackages, ['*']);
  });

  it('only restricted keys are dropped; a mark on another key or a junk mark changes nothing', () => {
    const d = dropWorkspaceValues({ index: { concurrency: 2 }, workspaceScoped: { 'index.concurrency': {}, enable: 'junk' } }, false);
    assert.deepEqual(d.ignored, [], 'enable is not set, so the junk mark drops nothing');
    assert.equal(normalizeSettings(d.raw).index.concurrency, 2);
    assert.deepEqual(dropWorkspaceValues({ offline: true, workspaceScoped: [] }, false).ignored, []);
    assert.deepEqual(dropWorkspaceValues('junk', false).raw, 'junk');
  });

  it("package.json restrictedConfigurations is exactly the server's list", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } }; contributes: { configuration: { properties: Record<string, unknown> } } };
    const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepEqual([...restricted].sort(), TRUST_RESTRICTED_SETTINGS.map((k) => `pipwatch.${k}`).sort());
    for (const k of restricted) assert.ok(k in pkg.contributes.configuration.properties, `${k} is a contributed setting`);
  });

  it('the README settings section names every setting an untrusted workspace cannot set', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const para = readme.split(/\n\n/).find((p) => p.startsWith('**Untrusted workspaces.**'));
    assert.ok(para, 'README has the **Untrusted workspaces.** paragraph');
    for (const k of TRUST_RESTRICTED_SETTINGS) assert.ok(para.includes(`\`pipwatch.${k}\``), `README names pipwatch.${k}`);
  });
});
