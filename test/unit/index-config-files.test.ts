// Issue 8 §3: the indexes pip and uv would ask, from the locations and with the precedence each
// documents (pip: topics/configuration; uv: concepts/configuration-files, concepts/indexes), over
// an in-memory file system; then how the plan combines them with Pipwatch's own settings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSettings } from '../../server/src/core/settings';
import { discoverIndexes, parseIni, pipConfigFiles, pipIndexes, uvIndexes, type DiscoveryInput } from '../../server/src/index/config-files';
import { buildCredentials } from '../../server/src/index/credentials';
import { describePlan, makePlan } from '../../server/src/index/plan';

function setup(files: Record<string, string>, env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux', dirs: string[] = []): DiscoveryInput {
  return {
    env,
    platform,
    home: platform === 'win32' ? 'C:\\Users\\u' : '/home/u',
    fs: { readFile: (p) => files[p], isDir: (p) => dirs.includes(p) },
  };
}

const urls = (xs: { url: string }[]) => xs.map((x) => x.url);

describe('pip configuration', () => {
  it('Linux locations in pip load order; PIP_CONFIG_FILE last; VIRTUAL_ENV site file', () => {
    assert.deepEqual(pipConfigFiles(setup({}, { XDG_CONFIG_DIRS: '/opt/a:/opt/b', VIRTUAL_ENV: '/v', PIP_CONFIG_FILE: '/missing.conf' })), [
      '/opt/a/pip/pip.conf', '/opt/b/pip/pip.conf', '/etc/pip.conf', '/home/u/.pip/pip.conf', '/home/u/.config/pip/pip.conf', '/v/pip.conf', '/missing.conf',
    ]);
    assert.deepEqual(pipConfigFiles(setup({}, { XDG_CONFIG_HOME: '/x' })).slice(0, 2), ['/etc/xdg/pip/pip.conf', '/etc/pip.conf']);
    assert.ok(pipConfigFiles(setup({}, { XDG_CONFIG_HOME: '/x' })).includes('/x/pip/pip.conf'));
  });

  it('an existing PIP_CONFIG_FILE skips the user files; os.devnull loads nothing', () => {
    const files = { '/ci/pip.conf': '[global]\nindex-url = https://ci.example/simple/\n', '/home/u/.config/pip/pip.conf': '[global]\nindex-url = https://stale.example/simple/\n' };
    const withFile = setup(files, { PIP_CONFIG_FILE: '/ci/pip.conf' });
    assert.ok(!pipConfigFiles(withFile).some((f) => f.startsWith('/home/u')));
    assert.equal(pipIndexes(withFile).primary?.url, 'https://ci.example/simple/');
    assert.deepEqual(pipConfigFiles(setup(files, { PIP_CONFIG_FILE: '/dev/null' })), []);
    assert.equal(pipIndexes(setup(files, { PIP_CONFIG_FILE: '/dev/null' })).primary, undefined);
    assert.deepEqual(pipConfigFiles(setup({}, { PIP_CONFIG_FILE: 'nul' }, 'win32')), []);
  });

  it('macOS and Windows user and global files', () => {
    const mac = pipConfigFiles(setup({}, {}, 'darwin', ['/home/u/Library/Application Support/pip']));
    assert.deepEqual(mac, ['/Library/Application Support/pip/pip.conf', '/home/u/.pip/pip.conf', '/home/u/Library/Application Support/pip/pip.conf']);
    assert.equal(pipConfigFiles(setup({}, {}, 'darwin'))[2], '/home/u/.config/pip/pip.conf', 'no Application Support/pip directory: the XDG path');
    const win = pipConfigFiles(setup({}, { APPDATA: 'C:\\Users\\u\\AppData\\Roaming', VIRTUAL_ENV: 'C:\\venv' }, 'win32'));
    assert.deepEqual(win, ['C:\\ProgramData\\pip\\pip.ini', 'C:\\Users\\u\\pip\\pip.ini', 'C:\\Users\\u\\AppData\\Roaming\\pip\\pip.ini', 'C:\\venv\\pip.ini']);
  });

  it('files merge key by key, [install] beats [global] whatever the file, env beats both; multi-line extras', () => {
    const files = {
      '/etc/pip.conf': '[install]\nindex-url = https://org.example/simple/\n',
      '/home/u/.pip/pip.conf': '[global]\nextra-index-url = https://legacy.example/simple/\n',
      '/home/u/.config/pip/pip.conf': '; user file\n[global]\nINDEX_URL: https://user.example/simple/\nextra-index-url =\n    https://a.example/simple/\n    https://b.example/simple/\n',
    };
    const p = pipIndexes(setup(files));
    assert.equal(p.primary?.url, 'https://org.example/simple/', "a system [install] index-url beats a user [global] one (pip's section order)");
    assert.equal(p.primary?.source, '/etc/pip.conf [install] index-url');
    assert.deepEqual(urls(p.extras), ['https://a.example/simple/', 'https://b.example/simple/'], 'the XDG user file overrides the legacy one');
    const e = pipIndexes(setup(files, { PIP_INDEX_URL: 'https://env.example/simple/', PIP_EXTRA_INDEX_URL: 'https://e1.example/ https://e2.example/' }));
    assert.equal(e.primary?.source, 'PIP_INDEX_URL');
    assert.deepEqual(urls(e.extras), ['https://e1.example/', 'https://e2.example/']);
  });

  it('parseIni: comments, `--` prefixes, keys outside a section ignored', () => {
    const m = parseIni('index-url = https://nosection/\n[Global]\n# c\n--Extra_Index-URL = https://x/\n');
    assert.deepEqual([...m], [['global.extra-index-url', 'https://x/']]);
  });
});

describe('uv configuration', () => {
  it('[[index]] order, default = true, explicit skipped, [pip] and legacy keys; user file before the first system file', () => {
    const files = {
      '/home/u/.config/uv/uv.toml': '[[index]]\nname = "corp"\nurl = "https://corp.example/simple/"\n[[index]]\nurl = "https://pinned.example/simple/"\nexplicit = true\n[[index]]\nurl = "https://mirror.example/simple/"\ndefault = true\n',
      '/etc/xdg/uv/uv.toml': 'extra-index-url = ["https://sys-extra.example/simple/"]\n[pip]\nindex-url = "https://sys-pip.example/simple/"\n',
      '/etc/uv/uv.toml': '[[index]]\nurl = "https://never-read.example/simple/"\n',
    };
    const u = uvIndexes(setup(files));
    assert.equal(u.primary?.url, 'https://mirror.example/simple/');
    assert.deepEqual(urls(u.extras), ['https://corp.example/simple/', 'https://sys-extra.example/simple/']);
    assert.equal(u.extras[0]!.name, 'corp');
    assert.deepEqual(u.files, ['/home/u/.config/uv/uv.toml', '/etc/xdg/uv/uv.toml'], 'only the first system file found counts');
  });

  it('UV_INDEX (name=url, space-separated) first; UV_DEFAULT_INDEX over the file default; UV_INDEX_URL deprecated fallback', () => {
    const files = { '/home/u/.config/uv/uv.toml': '[[index]]\nurl = "https://file.example/simple/"\ndefault = true\n' };
    const u = uvIndexes(setup(files, { UV_INDEX: 'internal=https://int.example/simple/ https://other.example/simple/', UV_DEFAULT_INDEX: 'https://dflt.example/simple/', UV_EXTRA_INDEX_URL: 'https://old-extra.example/simple/' }));
    assert.equal(u.primary?.url, 'https://dflt.example/simple/');
    assert.deepEqual(urls(u.extras), ['https://int.example/simple/', 'https://other.example/simple/', 'https://old-extra.example/simple/']);
    assert.equal(u.extras[0]!.name, 'internal');
    assert.equal(uvIndexes(setup({}, { UV_INDEX_URL: 'https://legacy.example/simple/' })).primary?.source, 'UV_INDEX_URL');
  });

  it('UV_CONFIG_FILE replaces discovery; UV_NO_CONFIG reads no file; invalid TOML is reported and skipped', () => {
    const files = { '/p/uv.toml': '[[index]]\nurl = "https://only.example/simple/"\n', '/home/u/.config/uv/uv.toml': '[[index]]\nurl = "https://user.example/simple/"\n' };
    assert.deepEqual(urls(uvIndexes(setup(files, { UV_CONFIG_FILE: '/p/uv.toml' })).extras), ['https://only.example/simple/']);
    assert.deepEqual(uvIndexes(setup(files, { UV_NO_CONFIG: '1' })).extras, []);
    const warnings: string[] = [];
    assert.deepEqual(uvIndexes(setup({ '/home/u/.config/uv/uv.toml': '[[index]\n' }), warnings.push.bind(warnings)).extras, []);
    assert.match(warnings[0] ?? '', /uv\.toml: invalid TOML/);
  });

  it('UV_INDEX_<NAME>_USERNAME / _PASSWORD authenticate the named index only', () => {
    const creds = buildCredentials({
      primary: 'https://pypi.org/simple/',
      extras: ['https://corp.example/simple/', 'https://other.example/simple/'],
      named: [{ name: 'corp-internal', url: 'https://corp.example/simple/' }],
      isPublic: (o) => o === 'https://pypi.org',
      env: { UV_INDEX_CORP_INTERNAL_USERNAME: 'alice', UV_INDEX_CORP_INTERNAL_PASSWORD: 's3cret' },
      home: '/nonexistent',
    });
    assert.deepEqual([...creds], [['https://corp.example', `Basic ${Buffer.from('alice:s3cret').toString('base64')}`]]);
  });
});

describe('pip and uv together, and the plan', () => {
  const files = {
    '/home/u/.config/pip/pip.conf': '[global]\nindex-url = https://alice:pw@pip-private.example/simple/\n',
    '/home/u/.config/uv/uv.toml': '[[index]]\nurl = "https://uv-private.example/simple/"\ndefault = true\n[[index]]\nurl = "https://uv-extra.example/simple/"\n',
  };

  it("union: pip's index-url is primary, uv's default and extras join; PyPI only when no tool replaces it", () => {
    const d = discoverIndexes(setup(files));
    assert.equal(d.primary?.url, 'https://alice:pw@pip-private.example/simple/');
    assert.deepEqual(urls(d.extras), ['https://uv-private.example/simple/', 'https://uv-extra.example/simple/']);
    const uvOnly = discoverIndexes(setup({ '/home/u/.config/uv/uv.toml': files['/home/u/.config/uv/uv.toml'] }));
    assert.equal(uvOnly.primary?.url, 'https://uv-private.example/simple/');
    const none = discoverIndexes(setup({ '/home/u/.config/uv/uv.toml': '[[index]]\nurl = "https://corp.example/simple/"\n' }));
    assert.equal(none.primary, undefined, 'uv with only a non-default index still asks PyPI by default');
  });

  it('precedence: trusted workspace --index-url > explicit Pipwatch setting > discovered > PyPI; extras are a union', () => {
    const discovered = discoverIndexes(setup(files));
    const plain = makePlan({ settings: normalizeSettings({}), discovered });
    assert.equal(plain.primary.clean, 'https://pip-private.example/simple/');
    assert.equal(plain.primary.source, '/home/u/.config/pip/pip.conf [global] index-url');
    assert.equal(plain.anyPrivate, true);
    const explicit = makePlan({ settings: normalizeSettings({ index: { url: 'https://mine.example/simple/', extraUrls: ['https://mine-extra.example/simple/'] } }), discovered });
    assert.equal(explicit.primary.clean, 'https://mine.example/simple/');
    assert.deepEqual(explicit.extras.map((e) => e.clean), ['https://mine-extra.example/simple/', 'https://uv-private.example/simple/', 'https://uv-extra.example/simple/']);
    const ws = makePlan({ settings: normalizeSettings({ workspaceTrusted: true }), discovered, workspaceIndexes: [{ kind: 'index-url', url: 'https://proj.example/simple/' }] });
    assert.equal(ws.primary.clean, 'https://proj.example/simple/');
    assert.equal(makePlan({ settings: normalizeSettings({}) }).primary.clean, 'https://pypi.org/simple/');
  });

  it('describePlan: redacted, says where each index came from, silent for the default', () => {
    const lines = describePlan(makePlan({ settings: normalizeSettings({}), discovered: discoverIndexes(setup(files)) }));
    assert.equal(lines[0], 'primary index https://pip-private.example/simple/ (with credentials) from /home/u/.config/pip/pip.conf [global] index-url');
    assert.ok(lines.every((l) => !l.includes('alice') && !l.includes(':pw')));
    assert.match(lines[1]!, /^extra index https:\/\/uv-private\.example\/simple\/ from \/home\/u\/\.config\/uv\/uv\.toml \[\[index\]\]$/);
    assert.deepEqual(describePlan(makePlan({ settings: normalizeSettings({}) })), []);
  });
});
