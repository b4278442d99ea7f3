import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidProjectName, normalizeName } from '../../server/src/identify/normalize';

test('normalizeName follows PEP 503', () => {
  assert.equal(normalizeName('Requests'), 'requests');
  assert.equal(normalizeName('zope.interface'), 'zope-interface');
  assert.equal(normalizeName('Foo__Bar--baz..Qux'), 'foo-bar-baz-qux');
  assert.equal(normalizeName('a-_.b'), 'a-b');
  assert.equal(normalizeName('typing_extensions'), 'typing-extensions');
});

test('isValidProjectName accepts PEP 508 names and rejects others', () => {
  for (const ok of ['a', 'A1', 'requests', 'zope.interface', 'typing_extensions', 'x-y.z_w', '3to2']) {
    assert.equal(isValidProjectName(ok), true, ok);
  }
  for (const bad of ['', '-a', 'a-', '.a', 'a.', 'a b', 'ré', 'naïve', 'a/b', 'ｒequests', '名前', 'a\u0000b']) {
    assert.equal(isValidProjectName(bad), false, JSON.stringify(bad));
  }
});

test('isValidProjectName completes on a 100,000-character near-miss', () => {
  const long = 'a'.repeat(100_000) + '-';
  assert.equal(isValidProjectName(long), false);
  assert.equal(isValidProjectName('a'.repeat(100_000)), true);
});
