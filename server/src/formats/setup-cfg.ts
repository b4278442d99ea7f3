// setup.cfg: setuptools' declarative requirements.
// https://setuptools.pypa.io/en/latest/userguide/declarative_config.html
import { parseSetupCfg } from '../parse/setup-cfg';
import type { FormatModule } from './format';

export const setupCfgFormat: FormatModule = {
  id: 'setup-cfg',
  label: 'setup.cfg',
  reads: '`[options]` `install_requires`, `setup_requires`, `tests_require` and `[options.extras_require]`',
  parse: (text) => parseSetupCfg(text),
  declares: true,
  includeBase: 'file',
};
