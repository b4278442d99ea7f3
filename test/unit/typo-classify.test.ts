import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyPair, damerau1, levenshteinAtMost2, typoCost } from '../../server/src/assess/typo/classify';
import { rankLimit, twoEditTarget } from '../../server/src/assess/typo/policy';
import { coreForms, isKeyboardNeighbour, isVisualPair, skeleton } from '../../server/src/assess/typo/names';

// candidate, popular target, expected kind, expected strength
const CASES: [string, string, string, string][] = [
  ['requestss', 'requests', 'doubled-added', 'strong'],
  ['numpyy', 'numpy', 'doubled-added', 'strong'],
  ['urlib3', 'urllib3', 'doubled-removed', 'strong'],
  ['reqeusts', 'requests', 'swap', 'strong'],
  ['openia', 'openai', 'swap', 'strong'],
  ['reqests', 'requests', 'omitted', 'medium'],
  ['tensorfow', 'tensorflow', 'omitted', 'medium'],
  ['colourama', 'colorama', 'inserted', 'medium'],
  ['reqzuests', 'requests', 'inserted', 'medium'],
  ['requewsts', 'requests', 'inserted-neighbour', 'medium'],
  ['nunpy', 'numpy', 'keyboard', 'medium'],
  ['djanga', 'django', 'vowel', 'weak'],
  ['djanpo', 'django', 'substituted', 'weak'],
  ['djang0', 'django', 'visual', 'strong'],
  ['jeilyfish', 'jellyfish', 'visual', 'strong'],
  ['b0to3', 'boto3', 'visual', 'strong'],
  ['bot03', 'boto3', 'visual', 'strong'],
  ['nurnpy', 'numpy', 'visual', 'strong'],
  ['setup-tools', 'setuptools', 'separator', 'strong'],
  ['scikitlearn', 'scikit-learn', 'separator', 'strong'],
  ['dateutil-python', 'python-dateutil', 'reordered-words', 'strong'],
  ['py-requests', 'requests', 'python-affix', 'medium'],
  ['requests-py', 'requests', 'python-affix', 'medium'],
  ['python-requests', 'requests', 'python-affix', 'medium'],
  ['python3-dateutil', 'python-dateutil', 'python-affix', 'medium'],
  ['dateutil', 'python-dateutil', 'python-affix', 'medium'],
  ['pyrequests', 'requests', 'py-glued', 'weak'],
  ['stripepy', 'stripe', 'py-glued', 'weak'],
  ['requests2', 'requests', 'version-suffix', 'medium'],
  ['urllib', 'urllib3', 'version-dropped', 'medium'],
  ['urllib4', 'urllib3', 'version-changed', 'medium'],
  ['request', 'requests', 'singular', 'medium'],
  ['sklearns', 'sklearn', 'plural', 'medium'],
  ['fastapix', 'fastapi', 'edge-inserted', 'weak'],
  // Letters that rarely end an English word, appended: tuned apart from `-r`/`-d`/`-x` endings.
  ['matplotlibk', 'matplotlib', 'appended', 'weak'],
  ['fastapir', 'fastapi', 'edge-inserted', 'weak'],
  ['pylynt', 'pylint', 'y-vowel', 'weak'],
  // Two doubled-letter slips at once, or a tripled letter: every letter run squashes the same.
  ['settuptols', 'setuptools', 'doubles-changed', 'strong'],
  ['pillowww', 'pillow', 'doubles-changed', 'strong'],
  ['oloramas', 'colorama', 'two-edits', 'weak'],
  ['aiohtttps', 'aiohttp', 'two-edits', 'weak'],
  ['botoceor', 'botocore', 'two-changes', 'weak'],
  // A swap plus a doubled letter: two slips by optimal string alignment, three by plain Levenshtein.
  ['seelniumm', 'selenium', 'two-edits', 'weak'],
];

test('every transformation is recognised with its strength', () => {
  for (const [n, t, kind, strength] of CASES) {
    const e = classifyPair(n, t);
    assert.ok(e, `${n} ~ ${t}`);
    assert.equal(e.kind, kind, `${n} ~ ${t}: ${e.kind}`);
    assert.equal(e.strength, strength, `${n} ~ ${t}`);
    assert.ok(e.transformation.length > 5);
  }
});

test('messages describe the slip', () => {
  assert.equal(classifyPair('reqeusts', 'requests')?.transformation, 'two letters swapped');
  assert.equal(classifyPair('numpyy', 'numpy')?.transformation, "letter 'y' doubled");
  assert.equal(classifyPair('urlib3', 'urllib3')?.transformation, "double letter 'll' collapsed");
  assert.equal(classifyPair('py-requests', 'requests')?.transformation, "'py-' prefix added");
  assert.equal(classifyPair('requests-py', 'requests')?.transformation, "'-py' suffix added");
  assert.equal(classifyPair('python3-dateutil', 'python-dateutil')?.transformation, "'python-' replaced by 'python3-'");
  assert.equal(classifyPair('requests2', 'requests')?.transformation, "version number '2' appended");
});

test('unrelated and identical names give nothing', () => {
  assert.equal(classifyPair('requests', 'requests'), undefined);
  assert.equal(classifyPair('flask', 'django'), undefined);
  assert.equal(classifyPair('ruamel-yaml', 'pyyaml'), undefined);
  assert.equal(classifyPair('pytest-cov', 'pytest-mock'), undefined);
});

test('edit primitives', () => {
  assert.deepEqual(damerau1('ab', 'ba'), { op: 'swap', i: 0 });
  assert.equal(damerau1('abcd', 'ab'), undefined);
  assert.ok(levenshteinAtMost2('kitten', 'sitten'));
  assert.ok(!levenshteinAtMost2('kitten', 'sitting'));
  assert.ok(levenshteinAtMost2('requset', 'requests'), 'swap + insertion');
  assert.ok(!levenshteinAtMost2('rqeusetx', 'requests'));
  assert.equal(typoCost('requestss', 'requests'), 0.5);
  assert.equal(typoCost('reqeusts', 'requests'), 1);
  assert.ok(isKeyboardNeighbour('n', 'm') && isKeyboardNeighbour('q', 'a') && !isKeyboardNeighbour('q', 'p'));
  assert.ok(isVisualPair('0', 'o') && isVisualPair('1', 'l') && isVisualPair('i', 'l') && !isVisualPair('a', 'b'));
  assert.equal(skeleton('rnodern'), 'modem');
  assert.deepEqual(coreForms('python-nmap').map((f) => f.core), ['python-nmap', 'nmap']);
});

test('rank limits: weak slips only against the top, floors for long targets', () => {
  assert.equal(rankLimit('keyboard', 3), 0, 'too short for any slip');
  assert.equal(rankLimit('keyboard', 7), 700);
  assert.equal(rankLimit('keyboard', 14), 7000, 'a 14-letter name one key off is rarely another project');
  assert.equal(rankLimit('two-changes', 14), 300, 'the last floor that applies wins');
  assert.equal(rankLimit('inserted', 8), 15000);
  assert.equal(rankLimit('two-changes', 8), 0, 'two changed letters of an 8-letter name make a new name');
  assert.equal(rankLimit('swap', 5), 15000, 'a swap is a slip whatever the length');
  assert.equal(rankLimit('two-edits', 8), 500);
  assert.equal(rankLimit('appended', 5), 60, 'short names gain letters innocently');
  assert.equal(rankLimit('doubles-changed', 5), 0);
  assert.equal(rankLimit('doubles-changed', 6), 7000);
  assert.equal(rankLimit('two-changes', 10), 1000);
  assert.equal(rankLimit('no-such-kind', 10), 0);
  assert.ok(twoEditTarget('tensorflow', 908) && !twoEditTarget('tensorflow', 5000) && !twoEditTarget('x'.repeat(30), 1));
});
