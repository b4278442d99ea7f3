// Installer configuration files a project may carry next to its manifests. They are not formats
// (nothing in them is analysed as a dependency), but they say how the project installs: a release
// cooldown (uv `exclude-newer`, Poetry `solver.min-release-age`, pip `uploaded-prior-to`) and, for
// uv.toml, which indexes uv asks. uv reads a project `uv.toml` in preference to `[tool.uv]` of
// pyproject.toml (https://docs.astral.sh/uv/concepts/configuration-files/); Poetry reads a
// project `poetry.toml` (https://python-poetry.org/docs/configuration/). The scan collects them so
// the CLI and the server build the same workspace facts from them.
import * as path from 'node:path';

export const PROJECT_CONFIG_FILES: readonly string[] = ['uv.toml', 'poetry.toml', 'pip.conf', 'pip.ini'];

/** True for a file whose name is one of PROJECT_CONFIG_FILES (case-insensitive, as formats are). */
export function isProjectConfig(file: string): boolean {
  return PROJECT_CONFIG_FILES.includes(path.basename(file.replace(/\\/g, '/')).toLowerCase());
}

/** Watcher globs for the server (`workspace/didChangeWatchedFiles`). */
export const PROJECT_CONFIG_GLOBS: readonly string[] = PROJECT_CONFIG_FILES.map((n) => `**/${n}`);
