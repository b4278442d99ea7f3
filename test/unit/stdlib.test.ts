import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { isStdlibModule, stdlibModuleNames } from '../../server/src/identify/stdlib';

// The local interpreter's own list (3.10+), when there is one: every name must be in ours.
function localStdlib(): { version: string; names: string[] } | undefined {
  for (const exe of ['python3', 'python']) {
    const r = spawnSync(exe, ['-c', 'import sys, json; print(json.dumps([sys.version.split()[0], sorted(getattr(sys, "stdlib_module_names", []))]))'], { encoding: 'utf8', timeout: 10000 });
    if (r.status !== 0 || !r.stdout) continue;
    const [version, names] = JSON.parse(r.stdout) as [string, string[]];
    if (names.length > 0) return { version, names };
  }
  return undefined;
}

const local = localStdlib();

describe('isStdlibModule', () => {
  it('knows current, private, added and removed modules', () => {
    for (const m of ['os', 'sys', 'json', 'typing', '_thread', '__future__', 'tomllib', 'zoneinfo', 'graphlib', 'annotationlib', 'compression', '_pyrepl', '__main__', '_typeshed']) {
      assert.ok(isStdlibModule(m), m);
    }
    // Removed in 3.12 / 3.13 but still stdlib for projects on older Pythons.
    for (const m of ['distutils', 'asynchat', 'asyncore', 'imp', 'smtpd', 'cgi', 'cgitb', 'telnetlib', 'nntplib', 'crypt', 'pipes', 'lib2to3', 'formatter', 'parser', 'symbol', 'binhex', 'dummy_threading']) {
      assert.ok(isStdlibModule(m), m);
    }
  });

  it('rejects third-party names and is case-sensitive', () => {
    for (const m of ['yaml', 'requests', 'numpy', 'attr', 'six', 'typing_extensions', 'dataclasses_json', 'OS', 'Json', 'test', '']) {
      assert.ok(!isStdlibModule(m), m);
    }
  });

  it('judges a dotted name by its first part', () => {
    assert.ok(isStdlibModule('os.path'));
    assert.ok(isStdlibModule('xml.etree.ElementTree'));
    assert.ok(!isStdlibModule('yaml.loader'));
  });

  it('holds the union of 3.8 - 3.14 and 2.7 (sanity size)', () => {
    const n = stdlibModuleNames().length;
    assert.ok(n >= 430 && n <= 460, `${n} names`);
  });

  it('knows the Python 2 modules that compat code imports under try/except ImportError', () => {
    for (const m of ['StringIO', 'urlparse', 'md5', 'cPickle', 'ConfigParser', 'Queue', 'urllib2', 'httplib', 'cStringIO', 'HTMLParser', 'Tkinter', '__builtin__', 'commands', 'sets', 'exceptions', 'thread', 'dummy_thread', 'SocketServer', 'SimpleHTTPServer', 'BaseHTTPServer', 'Cookie', 'cookielib', 'xmlrpclib', 'htmlentitydefs', 'anydbm', 'dbhash', 'whichdb', 'copy_reg', 'repr', 'UserDict', 'UserList', 'UserString', 'robotparser', 'markupbase', 'sha', 'new', 'imp', 'tkMessageBox', 'urlparse.urljoin']) {
      assert.ok(isStdlibModule(m), m);
    }
    // Still case-sensitive: the PyPI backports have their own lowercase names.
    assert.ok(!isStdlibModule('stringio'));
    assert.ok(!isStdlibModule('test'));
  });

  it(`contains every name of the local python's sys.stdlib_module_names`, { skip: local ? false : 'no python3 >= 3.10 on PATH to compare with' }, () => {
    const missing = local!.names.filter((m) => !isStdlibModule(m));
    assert.deepEqual(missing, [], `missing from Python ${local!.version}'s list`);
  });
});
