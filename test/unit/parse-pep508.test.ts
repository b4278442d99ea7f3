import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMarker, parseRequirementString, type ParsedRequirement } from '../../server/src/parse/pep508';

function ok(text: string, offset = 0): ParsedRequirement {
  const r = parseRequirementString(text, offset);
  if ('error' in r) assert.fail(`${text}: ${r.error}`);
  return r;
}
function err(text: string): string {
  const r = parseRequirementString(text, 0);
  assert.ok('error' in r, `expected an error for ${JSON.stringify(text)}`);
  return r.error;
}

test('name, extras, specifier and marker with offsets into the text', () => {
  const text = 'requests[socks] >= 2.31 ; python_version >= "3.9"';
  const r = ok(text);
  assert.equal(r.name, 'requests');
  assert.equal(text.slice(r.nameStart, r.nameEnd), 'requests');
  assert.deepEqual(r.extras, ['socks']);
  assert.equal(r.specifier, '>=2.31');
  assert.equal(text.slice(r.specifierStart, r.specifierEnd), '>= 2.31');
  assert.equal(r.marker, 'python_version >= "3.9"');
  assert.equal(r.url, undefined);
});

test('offset starts the scan inside a longer text', () => {
  const text = 'xxxx  Django>=4';
  const r = ok(text, 4);
  assert.equal(r.nameStart, 6);
  assert.equal(r.nameEnd, 12);
  assert.equal(r.specifier, '>=4');
});

test('every comparison operator, with and without parentheses and spaces', () => {
  assert.equal(ok('a==1.0').specifier, '==1.0');
  assert.equal(ok('a===1.0-weird').specifier, '===1.0-weird');
  assert.equal(ok('a ~= 1.4.2').specifier, '~=1.4.2');
  assert.equal(ok('a!=1.*').specifier, '!=1.*');
  assert.equal(ok('a <= 2, > 1 , <3').specifier, '<=2,>1,<3');
  assert.equal(ok('a (>=1.0, <2)').specifier, '>=1.0,<2');
  assert.equal(ok('a(>=1.0)').specifier, '>=1.0');
  assert.equal(ok('a>=1!2.0+local.1').specifier, '>=1!2.0+local.1');
  assert.equal(ok('a').specifier, '');
  assert.deepEqual(ok('a[ x , y_z ]').extras, ['x', 'y_z']);
  assert.deepEqual(ok('a[]').extras, []);
});

test('name @ url direct references and markers after them', () => {
  const r = ok('pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; python_version < "3"');
  assert.equal(r.name, 'pip');
  assert.equal(r.url, 'https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee');
  assert.equal(r.marker, 'python_version < "3"');
  assert.equal(ok('foo[bar]@file:///tmp/x.whl').url, 'file:///tmp/x.whl');
});

test('markers: boolean structure, legacy names, in / not in', () => {
  assert.equal(ok('a; (os_name == "nt" or sys_platform=="win32") and extra == \'dev\'').marker, '(os_name == "nt" or sys_platform=="win32") and extra == \'dev\'');
  assert.equal(checkMarker('"linux" in sys_platform'), undefined);
  assert.equal(checkMarker('platform_machine not in "x86_64 aarch64"'), undefined);
  assert.equal(checkMarker('os.name == "posix"'), undefined);
  assert.match(checkMarker('python_version >= ') ?? '', /expected/);
  assert.match(checkMarker('pyhton_version >= "3"') ?? '', /unknown marker variable "pyhton_version"/);
  assert.match(checkMarker('os_name == "nt') ?? '', /unterminated/);
  assert.match(checkMarker('(os_name == "nt"') ?? '', /expected "\)"/);
  assert.match(checkMarker('('.repeat(1000) + 'os_name == "nt"' + ')'.repeat(1000)) ?? '', /too deeply nested/);
});

test('errors are messages, never exceptions', () => {
  assert.match(err(''), /expected a package name/);
  assert.match(err('-foo'), /expected a package name/);
  assert.match(err('foo-'), /must end with a letter or digit/);
  assert.match(err('foo>='), /missing version/);
  assert.match(err('foo[bar'), /unclosed|expected/);
  assert.match(err('foo (>=1'), /expected "\)"/);
  assert.match(err('foo @'), /missing URL/);
  assert.match(err('foo;'), /empty environment marker/);
  assert.match(err('foo bar'), /unexpected "bar"/);
  assert.match(err('foo >= 1 junk'), /unexpected/);
  assert.match(err('ｒequests'), /expected a package name/);
});

test('a 100,000-character requirement string completes', () => {
  const long = 'a'.repeat(100_000);
  assert.equal(ok(long).name.length, 100_000);
  assert.ok('error' in parseRequirementString(`a${'>='.repeat(50_000)}`, 0));
  assert.ok('error' in parseRequirementString(`a[${'x,'.repeat(50_000)}`, 0));
  assert.ok('error' in parseRequirementString(`a; ${'os_name == "x" and '.repeat(5_000)}`, 0));
});
