// Platform cache directory for the CLI (the editor passes its global storage path instead):
// XDG Base Directory spec on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows.
import * as os from 'node:os';
import * as path from 'node:path';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(base, 'pipwatch', 'Cache');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'pipwatch');
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.posix.join(home, '.cache');
  return path.posix.join(xdg, 'pipwatch');
}
