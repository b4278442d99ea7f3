// PW104 file-host-mismatch: a locked package whose file URLs leave its index's host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOffline } from '../../server/src/assess/engine';
import { normalizeSettings } from '../../server/src/core/settings';
import { parsePylock } from '../../server/src/parse/locks/pylock';
import { parseUvLock } from '../../server/src/parse/locks/uv-lock';

const WS = { declared: new Set<string>(), firstParty: new Set<string>() };
const H = 'a'.repeat(64);

function uvPkg(name: string, registry: string, sdistUrl: string, wheelUrl: string): string {
  return [
    '[[package]]',
    `name = "${name}"`,
    'version = "1.0"',
    `source = { registry = "${registry}" }`,
    `sdist = { url = "${sdistUrl}", hash = "sha256:${H}", size = 1 }`,
    `wheels = [{ url = "${wheelUrl}", hash = "sha256:${H}", size = 1 }]`,
    '',
  ].join('\n');
}

const UV = [
  'version = 1',
  '',
  uvPkg('httpx', 'https://pypi.org/simple', 'https://files.pythonhosted.org/h.tar.gz', 'https://files.pythonhosted.org/h.whl'),
  uvPkg('idna', 'https://pypi.org/simple', 'https://files.pythonhosted.org/i.tar.gz', 'https://evil.example:8443/idna-1.0-py3-none-any.whl'),
  uvPkg('torch', 'https://download.pytorch.org/whl/cpu', 'https://download.pytorch.org/t.tar.gz', 'https://download.pytorch.org/t.whl'),
].join('\n');

test('uv.lock: file hosts are read from sdist and wheels', () => {
  const deps = parseUvLock(UV).dependencies;
  assert.deepEqual(Object.fromEntries(deps.map((d) => [d.name, d.fileHosts])), {
    httpx: ['files.pythonhosted.org'],
    idna: ['evil.example', 'files.pythonhosted.org'],
    torch: ['download.pytorch.org'],
  });
});

test('PW104 on the entry whose wheel leaves its index; PyPI files and a same-host index are fine', () => {
  const a = analyzeOffline({ uri: 'file:///p/uv.lock', text: UV, settings: normalizeSettings({}), workspace: WS });
  const hits = a.findings.filter((f) => f.code === 'PW104');
  assert.deepEqual(hits.map((f) => f.dependency?.name), ['idna']);
  assert.match(hits[0]!.message, /^'idna' is locked from pypi\.org but its files download from evil\.example: /);
  assert.equal(hits[0]!.severity, 'warning');
  assert.deepEqual(hits[0]!.evidence?.foreignHosts, ['evil.example']);
  // Off by setting, and silent for an allowlisted name.
  const off = analyzeOffline({ uri: 'file:///p/uv.lock', text: UV, settings: normalizeSettings({ rules: { 'file-host-mismatch': { enable: false } } }), workspace: WS });
  assert.ok(!off.findings.some((f) => f.code === 'PW104'));
  const allowed = analyzeOffline({ uri: 'file:///p/uv.lock', text: UV, settings: normalizeSettings({ allowlist: ['IDNA'] }), workspace: WS });
  assert.ok(!allowed.findings.some((f) => f.code === 'PW104'));
});

test('pylock.toml (PEP 751): index vs sdist/wheel url', () => {
  const text = [
    'lock-version = "1.0"',
    'created-by = "x"',
    '[[packages]]',
    'name = "rich"',
    'version = "13.0"',
    'index = "https://pypi.org/simple"',
    `wheels = [{ url = "https://mirror.attacker.example/rich-13.0-py3-none-any.whl", hashes = { sha256 = "${H}" } }]`,
  ].join('\n');
  assert.deepEqual(parsePylock(text).dependencies[0]!.fileHosts, ['mirror.attacker.example']);
  const a = analyzeOffline({ uri: 'file:///p/pylock.toml', text, settings: normalizeSettings({}), workspace: WS });
  assert.deepEqual(a.findings.filter((f) => f.code === 'PW104').map((f) => f.dependency?.name), ['rich']);
});
