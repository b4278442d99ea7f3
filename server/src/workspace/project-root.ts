// The project a checked path belongs to, so `pipwatch check` gives the same result however the
// same files are named (`.`, `requirements.txt`, `/abs/app.py`, from another cwd) and never
// depends on unrelated folders above the project (issue 8 §9).
//
// The root is the nearest directory, from the path's own folder upwards, holding a project marker:
// a build or project file (PEP 518/621 pyproject.toml, setuptools setup.cfg/setup.py), a Pipenv,
// uv, Poetry or PDM file, or a version-control root (.git, .hg). Requirements files are not
// markers: `requirements/` folders and per-service requirements files live inside projects. With no
// marker anywhere above, the root is the path's own folder (a file's directory, or the folder).
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const PROJECT_MARKERS = ['pyproject.toml', 'setup.cfg', 'setup.py', 'Pipfile', 'uv.lock', 'poetry.lock', 'pdm.lock', '.git', '.hg'] as const;

/** The nearest ancestor-or-self of `dir` holding a project marker, else `dir` itself. */
export function projectRoot(dir: string, exists: (p: string) => boolean = existsSync): string {
  const start = path.resolve(dir);
  for (let d = start; ; ) {
    if (PROJECT_MARKERS.some((m) => exists(path.join(d, m)))) return d;
    const up = path.dirname(d);
    if (up === d) return start;
    d = up;
  }
}
