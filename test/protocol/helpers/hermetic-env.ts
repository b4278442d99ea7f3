// The environment child processes of the protocol tier run with: the machine's own pip / uv
// configuration (a developer's ~/.config/pip/pip.conf, PIP_INDEX_URL in CI) must not change what a
// test sees, since the server and the CLI honour it (issue 8 §3). Tests that exercise discovery set
// their own HOME / XDG / PIP_* / UV_* values on top.
export const HERMETIC_ENV: NodeJS.ProcessEnv = {
  PIP_CONFIG_FILE: '/dev/null',
  PIP_INDEX_URL: '',
  PIP_EXTRA_INDEX_URL: '',
  UV_NO_CONFIG: '1',
  UV_DEFAULT_INDEX: '',
  UV_INDEX: '',
  UV_INDEX_URL: '',
  UV_EXTRA_INDEX_URL: '',
};
