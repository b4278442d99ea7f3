// Parses every real manifest in ../shared/data/real-projects (62 manifests of 26 projects, stored
// under `owner__repo/<original path>`, MANIFEST.tsv lists them) and checks the invariants that
// matter to users: no exception, no false parse problems, every name valid, every range exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Dependency, ParsedDocument } from '../../server/src/core/types';
import { isValidProjectName } from '../../server/src/identify/normalize';
import { documentKind } from '../../server/src/parse/document-kind';
import { resolveIncludes } from '../../server/src/parse/includes';
import { parsePyproject } from '../../server/src/parse/pyproject';
import { parseRequirements } from '../../server/src/parse/requirements';
import { slice } from '../fixtures/parse/carets';

const DIR = resolve(__dirname, '../../../shared/data/real-projects');
const present = existsSync(join(DIR, 'MANIFEST.tsv'));
const skip = present ? false : `shared corpus not found at ${DIR} (it exists in CI, not on a user's clone)`;
if (skip) console.log(`# SKIP parse-real-projects: ${skip}`);

/**
 * Include problems we expect, each examined by hand: the corpus samples only some files of each
 * project, so these `-r` targets exist upstream but were not copied. Keyed by `repo:path`.
 */
const EXPECTED_MISSING_INCLUDES: Record<string, string[]> = {
  'pypi/warehouse:requirements.txt': ['requirements/deploy.txt', 'requirements/docs-dev.txt', 'requirements/docs-user.txt', 'requirements/docs-blog.txt', 'requirements/lint.txt'],
  'aio-libs/aiohttp:requirements/constraints.in': ['cython.in', 'dev.in', 'doc-spelling.in', 'lint.in'],
  'numpy/numpy:requirements/all_requirements.txt': ['build_requirements.txt', 'linter_requirements.txt', 'release_requirements.txt', 'hypothesis_requirements.txt', 'typing_requirements.txt', 'ci_requirements.txt'],
  'Lightning-AI/pytorch-lightning:requirements.txt': ['./requirements/fabric/base.txt', './requirements/pytorch/base.txt'],
};

interface Entry {
  key: string;
  path: string;
  abs: string;
  text: string;
  doc: ParsedDocument;
}

function load(): Entry[] {
  const rows = readFileSync(join(DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => {
    const [file, repo, path] = row.split('\t') as [string, string, string];
    // Files keep their original paths in per-project folders; the flat name is a fallback.
    const nested = join(DIR, repo.replace('/', '__'), path);
    const abs = existsSync(nested) ? nested : join(DIR, file);
    const text = readFileSync(abs, 'utf8');
    const kind = documentKind(path);
    assert.ok(kind === 'requirements' || kind === 'pyproject', `${repo}:${path} is ${kind}`);
    const doc = kind === 'pyproject' ? parsePyproject(text) : parseRequirements(text);
    return { key: `${repo}:${path}`, path, abs, text, doc };
  });
}

const readFs = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

test('real projects: no problems, valid names, exact ranges', { skip }, () => {
  const entries = load();
  // MANIFEST.tsv must account for every file on disk, so no manifest escapes the test.
  const onDisk = (readdirSync(DIR, { recursive: true }) as string[]).filter((f) => f !== 'MANIFEST.tsv' && statSync(join(DIR, f)).isFile());
  assert.equal(entries.length, onDisk.length);
  let deps = 0;
  for (const e of entries) {
    assert.ok(e.text.startsWith('# source:'), `${e.key} starts with its source line`);
    assert.deepEqual(e.doc.problems, [], `${e.key} has no parse problems`);
    for (const d of e.doc.dependencies) {
      assert.ok(isValidProjectName(d.rawName), `${e.key}: invalid name ${d.rawName}`);
      assert.equal(slice(e.text, d.range), d.rawName, `${e.key}: range of ${d.rawName}`);
      if (d.specifierRange) assert.ok(slice(e.text, d.specifierRange).length > 0);
    }
    deps += e.doc.dependencies.length;
  }
  console.log(`# real projects: ${entries.length} files, ${deps} dependencies`);
  assert.ok(deps > 1500, `only ${deps} dependencies found`);
});

test('real projects: includes resolve in the corpus layout; only the listed ones are missing', { skip }, () => {
  for (const e of load()) {
    if (e.doc.kind !== 'requirements') continue;
    const r = resolveIncludes(e.abs, readFs);
    const missing = r.problems.map((p) => {
      const m = /included file not found: "([^"]+)"/.exec(p.message);
      assert.ok(m, `${e.key}: unexpected include problem ${p.message}`);
      return m[1];
    });
    assert.deepEqual(missing, EXPECTED_MISSING_INCLUDES[e.key] ?? [], e.key);
  }
  // keras' -r requirements-common.txt is in the corpus, so its names join the root's.
  const keras = resolveIncludes(join(DIR, 'keras-team__keras/requirements.txt'), readFs);
  assert.equal(keras.files.length, 2);
  assert.ok(keras.files[1]!.parsed.dependencies.length > 0);
  assert.ok(keras.files[1]!.parsed.dependencies.every((d) => d.section === '-r requirements-common.txt'));
});

test('real projects: spot checks of known entries', { skip }, () => {
  const by = new Map(load().map((e) => [e.key, e]));
  const get = (key: string): Entry => {
    const e = by.get(key);
    assert.ok(e, key);
    return e;
  };
  const dep = (key: string, name: string): Dependency => {
    const d = get(key).doc.dependencies.find((x) => x.name === name);
    assert.ok(d, `${key}: ${name}`);
    return d;
  };

  // psf/requests: `-e .[socks]` is not a name; the others are.
  const requests = get('psf/requests:requirements-dev.txt');
  assert.deepEqual(requests.doc.dependencies.map((d) => d.name), ['pytest', 'pytest-cov', 'pytest-httpbin', 'httpbin', 'trustme', 'wheel']);
  assert.equal(dep('psf/requests:requirements-dev.txt', 'pytest').specifier, '>=2.8.0,<10');
  assert.equal(dep('psf/requests:requirements-dev.txt', 'httpbin').specifier, '~=0.10.0');

  // keras: markers without spaces around `;`, an extra index, extras, an include.
  const keras = get('keras-team/keras:requirements.txt');
  assert.equal(dep(keras.key, 'tensorflow-cpu').marker, "sys_platform != 'darwin'");
  assert.deepEqual(dep(keras.key, 'jax').extras, ['cpu']);
  assert.deepEqual(keras.doc.indexes.map((i) => [i.kind, i.url]), [['extra-index-url', 'https://download.pytorch.org/whl/cpu']]);
  assert.deepEqual(keras.doc.includes.map((i) => i.target), ['requirements-common.txt']);

  // flask: PEP 621 names with their exact positions, found independently of the parser.
  const flask = get('pallets/flask:pyproject.toml');
  assert.deepEqual(
    flask.doc.dependencies.filter((d) => d.section === 'project.dependencies').map((d) => d.name),
    ['blinker', 'click', 'itsdangerous', 'jinja2', 'markupsafe', 'werkzeug'],
  );
  const lines = flask.text.split('\n');
  const wl = lines.findIndex((l) => l.includes('"werkzeug>=3.1.0"'));
  assert.deepEqual(dep(flask.key, 'werkzeug').range.start, { line: wl, character: lines[wl]!.indexOf('werkzeug') });
  assert.equal(dep(flask.key, 'asgiref').section, 'project.optional-dependencies.async');

  // warehouse: every `--hash` of the lock file lands on a dependency.
  const wh = get('pypi/warehouse:requirements/main.txt');
  const hashCount = wh.doc.dependencies.reduce((n, d) => n + (d.hashes?.length ?? 0), 0);
  assert.equal(hashCount, (wh.text.match(/--hash=/g) ?? []).length);
  assert.equal(dep(wh.key, 'zope-interface').specifier, '==8.5');
  assert.ok(wh.doc.dependencies.every((d) => (d.hashes?.length ?? 0) > 0));

  // Poetry: a PEP 508 direct reference, group tables with inline-table values.
  const poetry = 'python-poetry/poetry:pyproject.toml';
  assert.equal(dep(poetry, 'poetry-core').url, 'git+https://github.com/python-poetry/poetry-core.git');
  const xdist = dep(poetry, 'pytest-xdist');
  assert.equal(xdist.isKey, true);
  assert.deepEqual(xdist.extras, ['psutil']);
  assert.equal(xdist.specifier, '>=3.1');
  assert.equal(xdist.section, 'tool.poetry.group.test.dependencies');
  assert.equal(dep(poetry, 'pytest-github-actions-annotate-failures').section, 'tool.poetry.group.github-actions.dependencies');

  // certbot: Poetry path dependencies carry their path as url.
  const google = dep('certbot/certbot:tools/pinning/current/pyproject.toml', 'certbot-dns-google');
  assert.equal(google.url, '../../../certbot-dns-google');
  assert.deepEqual(google.extras, ['docs']);

  // oobabooga: wheel URLs are not names; a marker on a pinned name is kept.
  const ooba = 'oobabooga/text-generation-webui:requirements/full/requirements.txt';
  assert.ok(!get(ooba).doc.dependencies.some((d) => /gradio|llama/.test(d.name)));
  assert.equal(dep(ooba, 'triton-windows').marker, 'platform_system == "Windows"');

  // aws-cli: only editable VCS lines, so no names at all.
  assert.deepEqual(get('aws/aws-cli:requirements.txt').doc.dependencies, []);
});
