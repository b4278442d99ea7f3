// A real file of test/fixtures/formats/<kind>/ through its parser, checked for what every parse of
// a clean file owes the editor: its kind, no problems, and ranges that cover exactly the text they
// stand for (the name a diagnostic underlines, the version a release-age fix replaces).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DocumentKind, ParsedDocument } from '../../../server/src/core/types';
import { slice } from '../../fixtures/parse/carets';

/** The text of test/fixtures/formats/<folder>/<file>. */
export function formatFixture(folder: string, file: string): string {
  return readFileSync(resolve(__dirname, '../../fixtures/formats', folder, file), 'utf8');
}

/**
 * Parses test/fixtures/formats/<kind>/<file> and asserts the document is of `kind` with no
 * problems, each dependency's range covers its raw name, and each version it has is covered by its
 * version range. `everyVersion`: every dependency must have a version (locks pinning each package).
 */
export function parsedFixture(kind: DocumentKind, file: string, parse: (text: string) => ParsedDocument, opts: { everyVersion?: boolean } = {}): { text: string; doc: ParsedDocument } {
  const text = formatFixture(kind, file);
  const doc = parse(text);
  assert.equal(doc.kind, kind);
  assert.deepEqual(doc.problems, []);
  for (const d of doc.dependencies) {
    assert.equal(slice(text, d.range), d.rawName);
    if (d.version === undefined && !opts.everyVersion) continue;
    assert.ok(d.versionRange, `${d.name} has a version range`);
    assert.equal(slice(text, d.versionRange), d.version);
  }
  return { text, doc };
}
