// Redaction of free text (issue 8 §1): every userinfo form a URL can carry is removed, including a
// raw `@` inside a password, which the WHATWG parser accepts (the userinfo ends at the LAST `@`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactText } from '../../server/src/index/urls';

describe('redactText', () => {
  it('removes a password holding a raw @ completely', () => {
    const out = redactText('index client for http://alice:p@ss@w0rd@host.example/simple/ failed');
    assert.equal(out, 'index client for http://***@host.example/simple/ failed');
  });
  it('stops at the path, query or fragment: an @ there is not userinfo', () => {
    assert.equal(redactText('https://host.example/a@b'), 'https://host.example/a@b');
    assert.equal(redactText('https://host.example?x=a@b'), 'https://host.example?x=a@b');
    assert.equal(redactText('https://u:pw@host.example/a@b'), 'https://***@host.example/a@b');
  });
  it('redacts every URL of a line, in any scheme', () => {
    assert.equal(redactText('a git+https://tok@github.com/x b HTTPS://U:P@h/ c'), 'a git+https://***@github.com/x b HTTPS://***@h/ c');
  });
});
