// The lockfile TOML scanner: agrees with toml-eslint-parser on values, keeps exact spans, and
// recovers after an error (the next table header or top-level key is read again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import { scanToml, type TomlNode } from '../../server/src/parse/locks/toml-scan';

/** The scanned tree as plain data (strings as values, scalars as toml-eslint-parser reads them). */
function plain(n: TomlNode): unknown {
  switch (n.t) {
    case 'string':
      return n.value;
    case 'scalar':
      return scalarValue(n.raw);
    case 'array':
      return n.items.map(plain);
    case 'table':
      return Object.fromEntries([...n.entries.values()].map((e) => [e.name, plain(e.value)]));
  }
}

function scalarValue(raw: string): unknown {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(raw)) return new Date(raw);
  if (/^[+-]?\d[\d_]*$/.test(raw)) return Number(raw.replace(/_/g, ''));
  if (/^[+-]?[\d_]+(\.[\d_]+)?([eE][+-]?\d+)?$/.test(raw)) return Number(raw.replace(/_/g, ''));
  return raw;
}

const FIXTURES = resolve(__dirname, '../fixtures/formats');

test('agrees with toml-eslint-parser on real lockfiles', () => {
  for (const f of ['uv-lock/pydantic.uv.lock', 'uv-lock/built-by-uv.uv.lock']) {
    const text = readFileSync(resolve(FIXTURES, f), 'utf8');
    const doc = scanToml(text);
    assert.deepEqual(doc.problems, [], f);
    assert.deepEqual(plain(doc.root), getStaticTOMLValue(parseTOML(text)), f);
  }
});

test('strings: basic, literal, multi-line, escapes, quoted and dotted keys, spans', () => {
  const text = [
    'a = "x\\"y"',
    "b = 'c:\\path'",
    'c = """\nline\\n"two"""""',
    "d = '''raw'''",
    '"quoted key".inner = 1',
    'e.f.g = [1, 2.5, true, 1979-05-27T07:32:00Z, { h = "i" }, ]  # comment',
    '[t."s p"]',
    'k = -3',
  ].join('\n');
  const doc = scanToml(text);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(plain(doc.root), getStaticTOMLValue(parseTOML(text)));
  const a = doc.root.entries.get('a')!.value;
  assert.equal(a.t, 'string');
  assert.equal(text.slice(a.s, a.e), '"x\\"y"');
});

test('errors are reported where they are and the rest of the file is kept', () => {
  const text = ['[[package]]', 'name = "ok1"', '', '[[package]]', 'name = "bad', 'version = "1"', '', '[[package]]', 'name = "ok2"', 'junk junk', 'x = [', '  1,', '  what', '', 'y = 2'].join('\n');
  const doc = scanToml(text);
  const pk = doc.root.entries.get('package')!.value;
  assert.equal(pk.t, 'array');
  const names = (pk.t === 'array' ? pk.items : []).map((t) => (t.t === 'table' ? plain(t.entries.get('name')?.value ?? { t: 'scalar', s: 0, e: 0, raw: '-' }) : undefined));
  assert.deepEqual(names, ['ok1', '-', 'ok2']);
  // The third package keeps the keys after the broken ones.
  const third = pk.t === 'array' ? pk.items[2]! : undefined;
  assert.ok(third?.t === 'table' && third.entries.has('y'));
  assert.deepEqual(
    doc.problems.map((p) => [text.slice(0, p.start).split('\n').length, p.message]),
    [
      [5, 'unterminated string'],
      [10, "expected '=' after the key"],
      [13, "invalid value 'what'"],
    ],
  );
});

test('duplicate keys and tables are reported, the first kept', () => {
  const doc = scanToml('a = 1\na = 2\n[t]\nx = 1\n[t]\nx = 2\n');
  assert.deepEqual(
    doc.problems.map((p) => p.message),
    ["key 'a' is defined twice", "table 't' is defined twice"],
  );
  assert.deepEqual(plain(doc.root), { a: 1, t: { x: 1 } });
});

test('hostile input: deep nesting, binary, 10 MB of junk: bounded and linear', () => {
  const deep = scanToml('a = ' + '['.repeat(100_000) + ']'.repeat(100_000));
  assert.equal(deep.problems.length, 1);
  assert.match(deep.problems[0]!.message, /nested deeper/);
  const bin = scanToml('\u0000\u0001["\uffff'.repeat(10_000));
  assert.ok(bin.problems.length >= 1 && bin.problems.length <= 100);
  const t0 = Date.now();
  const junk = scanToml('x = "'.repeat(2_000_000));
  assert.ok(junk.problems.length >= 1 && junk.problems.length <= 100);
  const lines = scanToml(Array.from({ length: 10 }, (_, i) => `k${i} = 1\n`).join('') + 'a b c d\n'.repeat(1_000_000));
  assert.equal(lines.problems.length, 1, 'one error, then the junk lines are skipped to the next key');
  assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
});
