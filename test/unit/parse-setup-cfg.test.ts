// setup.cfg: setuptools' declarative [options] and [options.extras_require] (real files from pdm
// and pipenv), one-line `list-semi` values, comments, `file:` directives, malformed lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSetupCfg } from '../../server/src/parse/setup-cfg';
import { marked } from '../fixtures/parse/carets';
import { parsedFixture } from './helpers/parsed-fixture';

test('pdm test project: multi-line install_requires with a marker', () => {
  const { doc } = parsedFixture('setup-cfg', 'pdm-test-setuptools.setup.cfg', parseSetupCfg);
  assert.deepEqual(doc.dependencies.map((d) => [d.name, d.marker, d.section]), [
    ['requests', undefined, 'setup.cfg [options] install_requires'],
    ['importlib-metadata', 'python_version<"3.10"', 'setup.cfg [options] install_requires'],
  ]);
});

test('pipenv fake package: extras, setup_requires on one line, install_requires', () => {
  const { doc } = parsedFixture('setup-cfg', 'pipenv-fake-package.setup.cfg', parseSetupCfg);
  const by = (section: string) => doc.dependencies.filter((d) => d.section === section).map((d) => d.name);
  assert.deepEqual(by('setup.cfg [options.extras_require] tests'), ['pytest', 'pytest-xdist', 'pytest-cov', 'pytest-timeout', 'readme-renderer', 'twine']);
  assert.equal(by('setup.cfg [options.extras_require] dev').length, 10);
  assert.deepEqual(by('setup.cfg [options] setup_requires'), ['setuptools']);
  assert.deepEqual(by('setup.cfg [options] install_requires'), ['invoke', 'attrs']);
});

test('list-semi one-liners, comments, dashed keys, file: directive, bad lines', () => {
  const { text, ranges } = marked(`[options]
install-requires = «requests»>=2; «click»
# a comment
tests_require =
    «pytest» >= 8  # pinned for CI
    ; a configparser comment line
    «hypothesis»
Setup_Requires: «wheel»

[options.extras_require]
docs = file: requirements/docs.txt
yaml = «PyYAML»[libyaml] ; python_version >= "3.9"
broken =
    not a requirement!
[other]
install_requires = ignored
`);
  const doc = parseSetupCfg(text);
  assert.deepEqual(doc.dependencies.map((d) => d.range), ranges.slice(0, 6));
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['requests', 'click', 'pytest', 'hypothesis', 'wheel', 'pyyaml']);
  // A one-line value is split on ';' (setuptools list-semi): the marker became its own entry.
  assert.deepEqual(doc.problems.map((p) => [p.severity, p.message.replace(/:.*$/, '')]), [
    ['information', 'setup.cfg [options.extras_require] docs is read from requirements/docs.txt, which is checked on its own'],
    ['warning', 'cannot read requirement in setup.cfg [options.extras_require] yaml'],
    ['warning', 'cannot read requirement in setup.cfg [options.extras_require] broken'],
  ]);
  assert.deepEqual(doc.includes.map((i) => [i.kind, i.target]), [['requirement', 'requirements/docs.txt']]);
});

test('hostile: binary, huge, unclosed section', () => {
  assert.ok(parseSetupCfg('\u0000'.repeat(100_000)).problems.length <= 100);
  assert.match(parseSetupCfg('x'.repeat(3_000_000)).problems[0]!.message, /too large/);
  const doc = parseSetupCfg('[options\ninstall_requires = a\n[options]\ninstall_requires = b\n');
  assert.deepEqual(doc.dependencies.map((d) => d.name), ['b']);
  assert.equal(doc.problems.length, 1);
});
