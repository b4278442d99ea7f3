// Top-level standard-library module names: the union over CPython 3.8 – 3.14 and 2.7, so an import
// that is stdlib on any Python is never reported as an undeclared third-party dependency.
// Sources: `sys.stdlib_module_names` (3.10+; https://docs.python.org/3/library/sys.html#sys.stdlib_module_names)
// of 3.11, 3.12, 3.13 and 3.14 (CPython's Python/stdlib_module_names.h), plus the "What's New"
// removal lists for names that older versions had: 3.9 (dummy_threading), 3.10 (formatter,
// parser, symbol), 3.11 (binhex), 3.12 (PEP 632 distutils; asynchat, asyncore, imp, smtpd) and
// 3.13 (PEP 594 "dead batteries"). Private names (`_thread`, `_abc`, …) are stdlib too.
// test/unit/stdlib.test.ts checks that every name of the local python3's list is here.

// Present in 3.11 and still present in 3.14.
const CURRENT = `
  __future__ _abc _aix_support _ast _asyncio _bisect _blake2 _bootsubprocess _bz2 _codecs
  _codecs_cn _codecs_hk _codecs_iso2022 _codecs_jp _codecs_kr _codecs_tw _collections
  _collections_abc _compat_pickle _compression _contextvars _csv _ctypes _curses _curses_panel
  _datetime _dbm _decimal _elementtree _frozen_importlib _frozen_importlib_external _functools
  _gdbm _hashlib _heapq _imp _io _json _locale _lsprof _lzma _markupbase _md5 _multibytecodec
  _multiprocessing _opcode _operator _osx_support _overlapped _pickle _posixshmem _posixsubprocess
  _py_abc _pydecimal _pyio _queue _random _scproxy _sha1 _sha3 _signal _sitebuiltins _socket
  _sqlite3 _sre _ssl _stat _statistics _string _strptime _struct _symtable _thread
  _threading_local _tkinter _tokenize _tracemalloc _typing _uuid _warnings _weakref _weakrefset
  _winapi _zoneinfo abc antigravity argparse array ast asyncio atexit base64 bdb binascii bisect
  builtins bz2 cProfile calendar cmath cmd code codecs codeop collections colorsys compileall
  concurrent configparser contextlib contextvars copy copyreg csv ctypes curses dataclasses
  datetime dbm decimal difflib dis doctest email encodings ensurepip enum errno faulthandler fcntl
  filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob
  graphlib grp gzip hashlib heapq hmac html http idlelib imaplib importlib inspect io ipaddress
  itertools json keyword linecache locale logging lzma mailbox marshal math mimetypes mmap
  modulefinder msvcrt multiprocessing netrc nt ntpath nturl2path numbers opcode operator optparse
  os pathlib pdb pickle pickletools pkgutil platform plistlib poplib posix posixpath pprint
  profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re
  readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil
  signal site smtplib socket socketserver sqlite3 sre_compile sre_constants sre_parse ssl stat
  statistics string stringprep struct subprocess symtable sys sysconfig syslog tabnanny tarfile
  tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib trace
  traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uuid venv
  warnings wave weakref webbrowser winreg winsound wsgiref xml xmlrpc zipapp zipfile zipimport
  zlib zoneinfo
`;

// Added after 3.11: 3.12 (_pydatetime, _pylong, _sha2, _wmi), 3.13 (_android_support,
// _colorize, _interp*, _ios_support, _opcode_metadata, _pyrepl, _suggestions, _sysconfig),
// 3.14 (annotationlib, compression, _hmac, _py_warnings, _remote_debugging, _types, _zstd).
const ADDED = `
  _pydatetime _pylong _sha2 _wmi
  _android_support _colorize _interpchannels _interpqueues _interpreters _ios_support
  _opcode_metadata _pyrepl _suggestions _sysconfig
  annotationlib compression _hmac _py_warnings _remote_debugging _types _zstd
`;

// Removed: 3.9 (_dummy_thread, dummy_threading), 3.10 (_bootlocale, formatter, parser, symbol,
// _peg_parser of 3.9), 3.11 (binhex), 3.12 (asynchat, asyncore, distutils, imp, smtpd),
// 3.13 (PEP 594 + lib2to3; _sha256/_sha512 were merged into _sha2 in 3.12).
const REMOVED = `
  _dummy_thread dummy_threading
  _bootlocale formatter parser symbol _peg_parser
  binhex
  asynchat asyncore distutils imp smtpd
  aifc audioop cgi cgitb chunk crypt _crypt imghdr lib2to3 mailcap msilib _msi nis nntplib
  ossaudiodev pipes sndhdr spwd sunau telnetlib uu xdrlib _sha256 _sha512
`;

// Python 2.7's own top-level modules that Python 3 renamed or dropped (PEP 3108). Code that still
// supports both imports them under `try/except ImportError` or behind six; "install 'StringIO'"
// would send the user to a squattable name. Source: the Python 2.7 Global Module Index
// (https://docs.python.org/2.7/py-modindex.html, as scraped in pypi/stdlib-list's lists/2.7.txt)
// minus the names Python 3 still has and the index's non-module entries (`import`, `with`, `pip`,
// `test`), plus `exceptions`, `markupbase`, `strop` and the Tk dialog modules of six.moves
// (https://six.readthedocs.io/#module-six.moves) that the index files under Tkinter.
const PYTHON2 = `
  AL BaseHTTPServer Bastion CGIHTTPServer ColorPicker ConfigParser Cookie DEVICE DocXMLRPCServer
  EasyDialogs FL FrameWork GL HTMLParser MacOS MimeWriter MiniAEFrame Queue SUNAUDIODEV
  ScrolledText SimpleHTTPServer SimpleXMLRPCServer SocketServer StringIO Tix Tkinter UserDict
  UserList UserString __builtin__ _winreg aepack aetools aetypes al anydbm autoGIL bsddb cPickle
  cStringIO cd commands cookielib copy_reg dbhash dircache dl dumbdbm dummy_thread
  exceptions findertools fl flp fm fpectl fpformat future_builtins gdbm gensuitemodule hotshot
  htmlentitydefs htmllib httplib ic imageop imgfile imputil ioctl jpeg macostools macpath
  markupbase md5 mhlib mimetools mimify multifile mutex new popen2 posixfile repr rexec rfc822
  robotparser sets sgmllib sha statvfs strop sunaudiodev thread ttk urllib2 urlparse user whichdb
  xmlrpclib
  Tkconstants Tkdnd tkColorChooser tkCommonDialog tkFileDialog tkFont tkMessageBox tkSimpleDialog
  FileDialog
`;

// Not in sys.stdlib_module_names but importable from every CPython: the main module and the
// subinterpreter modules that the generator script leaves out as internal (3.8 – 3.12). Plus
// `_typeshed`, which exists only in typeshed's stdlib stubs (imported under TYPE_CHECKING).
const OTHER = `__main__ _xxsubinterpreters _xxinterpchannels _typeshed`;

const STDLIB: ReadonlySet<string> = new Set(
  [CURRENT, ADDED, REMOVED, PYTHON2, OTHER].join(' ').split(/\s+/).filter((s) => s.length > 0),
);

/** True when `topLevel` is a stdlib module (case-sensitive; a dotted name is judged by its first part). */
export function isStdlibModule(topLevel: string): boolean {
  const dot = topLevel.indexOf('.');
  return STDLIB.has(dot < 0 ? topLevel : topLevel.slice(0, dot));
}

/** All names, sorted (for tests and docs). */
export function stdlibModuleNames(): string[] {
  return [...STDLIB].sort();
}
