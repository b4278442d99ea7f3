// The real files of test/fixtures/surfaces/real (issue 9 §3) stay quiet in the CLI
// (test/protocol/cli-surfaces.test.ts); quiet only counts if they were read. Each one is claimed by
// its surface (by name, or a shell shebang) and its install commands yield the names it installs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { formatFor, sniffKind } from '../../server/src/formats/registry';
import { documentKind } from '../../server/src/parse/document-kind';

const REAL = path.resolve(__dirname, '../fixtures/surfaces/real');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/**
 * Surface and the names (or `-r` targets) each real file's install commands name: all of them, so a
 * reader that starts missing a command fails here before the quiet test could pass by not seeing it.
 */
const EXPECTED: Record<string, [string, string[]]> = {
  'flask/README.md': ['markdown', []], // prose and a Python sample, no install command
  'flask/.github/workflows/tests.yaml': ['ci-yaml', []], // `uv run --group dev`: no names
  'flask/.devcontainer/on-create-command.sh': ['shell', ['-r requirements/dev.txt']],
  'requests/README.md': ['markdown', ['requests']],
  'requests/Makefile': ['makefile', ['-r requirements-dev.txt', 'build', 'twine']],
  'accelerate/docker/accelerate-cpu/Dockerfile': ['dockerfile', ['accelerate', 'jupyter', 'pip']],
  'accelerate/.github/workflows/test_imports.yml': ['ci-yaml', ['pytest-reportlog', 'setuptools', 'tabulate']],
  'notebook/binder/example.ipynb': ['notebook', ['ipython', 'ipywidgets', 'matplotlib', 'numpy']],
  'docker-stacks/images/pytorch-notebook/Dockerfile': ['dockerfile', ['torch', 'torchaudio', 'torchvision']],
  'fastapi/README.md': ['markdown', ['fastapi']],
  'uv/docs/guides/tools.md': ['markdown', ['ansible', 'ansible-core', 'ansible-lint', 'httpie', 'mkdocs', 'mkdocs-material', 'mypy', 'nuitka', 'pycowsay', 'ruff']],
  'uv/docs/guides/integration/docker.md': ['markdown', ['cowsay', 'ruff']],
  'httpx/scripts/install': ['shell', ['pip']],
  'pytest/tox.ini': ['tox-ini', [
    '-r doc/en/requirements.txt', '-r testing/plugins_integration/requirements.txt', 'colorama', 'exceptiongroup', 'packaging',
    'platformdirs', 'pluggy', 'pre-commit', 'py', 'pyinstaller', 'pypandoc-binary', 'pyyaml', 'regendoc', 'requests', 'requests-cache',
    'sphinx', 'tabulate', 'towncrier', 'tqdm', 'twisted',
  ]],
  // Files the ones above include (`-r`), so their includes resolve as in their repositories.
  'requests/requirements-dev.txt': ['requirements', ['httpbin', 'pytest', 'pytest-cov', 'pytest-httpbin', 'trustme', 'wheel']],
  'pytest/doc/en/requirements.txt': ['requirements', [
    '-r broken-dep-constraints.txt', 'furo', 'pluggy', 'pygments-pytest', 'sphinx', 'sphinx-inline-tabs', 'sphinx-issues', 'sphinx-removed-in',
    'sphinxcontrib-svg2pdfconverter', 'sphinxcontrib-towncrier', 'sphinxcontrib-trio',
  ]],
  'pytest/doc/en/broken-dep-constraints.txt': ['included', []], // a name pip reads only because a -c line names it
  'pytest/testing/plugins_integration/requirements.txt': ['requirements', [
    'anyio', 'django', 'pytest-asyncio', 'pytest-bdd', 'pytest-cov', 'pytest-django', 'pytest-flakes', 'pytest-html', 'pytest-mock',
    'pytest-rerunfailures', 'pytest-sugar', 'pytest-trio', 'pytest-twisted', 'pytest-xvfb', 'twisted',
  ]],
  'gitlab/lib/gitlab/ci/templates/Python.gitlab-ci.yml': ['ci-yaml', ['flake8', 'sphinx', 'sphinx-rtd-theme', 'tox', 'virtualenv']],
};

test('every real surface file is read by its surface and yields the names it installs', () => {
  const found = files(REAL)
    .map((f) => path.relative(REAL, f).split(path.sep).join('/'))
    .filter((f) => f !== 'SOURCES.md')
    .sort();
  // A file added without a row here (or a row whose file went away) fails: both lists agree.
  assert.deepEqual(found, Object.keys(EXPECTED).sort());
  for (const rel of found) {
    const [kind, names] = EXPECTED[rel]!;
    const text = readFileSync(path.join(REAL, rel), 'utf8');
    const got = documentKind(rel) === 'unknown' ? (sniffKind(text) ?? 'included') : documentKind(rel);
    assert.equal(got, kind, rel);
    const doc = formatFor(kind === 'included' ? 'requirements' : (kind as never))!.parse(text, { path: rel });
    const read = new Set([...doc.dependencies.map((d) => d.name), ...doc.includes.map((i) => `-r ${i.target}`)]);
    assert.deepEqual([...read].sort(), names, rel);
  }
});
