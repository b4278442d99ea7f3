// pylock.toml / pylock.<name>.toml (PEP 751): every `[[packages]]` entry with version, index,
// source, hashes and upload time. https://packaging.python.org/en/latest/specifications/pylock-toml/
import { parsePylock } from '../parse/locks/pylock';
import type { FormatModule } from './format';

export const pylockFormat: FormatModule = {
  id: 'pylock',
  label: 'pylock.toml',
  reads: 'every `[[packages]]` (name, version, index, vcs/directory/archive source, hashes, upload time) and its `dependencies`',
  parse: (text) => parsePylock(text),
  declares: true,
};
