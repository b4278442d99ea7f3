// tox.ini: `deps` values are requirement lines (pip's requirements format, one per line, `-r`
// allowed) and `commands`/`commands_pre`/`commands_post` are commands, in every `[testenv…]`
// section (https://tox.wiki/en/latest/config.html). Values continue on indented lines (INI).
// tox substitutions (`{posargs}`, `{[base]deps}`, `{env:X}`) and factor prefixes (`py311: x`)
// are blanked, so they never read as names.
import type { ParsedDocument } from '../../core/types';
import { parseRequirements } from '../requirements';
import { stripBom } from '../text';
import { Mask, commandsDocument, commandsOfMask } from './command-doc';

const COMMAND_KEYS = new Set(['commands', 'commands_pre', 'commands_post', 'install_command']);

export function parseToxIni(input: string): ParsedDocument {
  const text = stripBom(input);
  const cmdMask = new Mask(text);
  const depMask = new Mask(text);
  let section = '';
  let key = '';
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(pos, end);
    const header = /^\[([^\]]*)\]/.exec(line);
    const kv = /^([A-Za-z_][\w.-]*)[ \t]*=[ \t]*/.exec(line);
    let from = -1;
    if (header) {
      section = (header[1] as string).trim();
      key = '';
    } else if (/^[ \t]*([#;]|$)/.test(line)) {
      // comment or blank: keeps the current key (INI continuation resumes after it)
    } else if (kv) {
      key = (kv[1] as string).toLowerCase();
      from = pos + kv[0].length;
    } else if (/^[ \t]/.test(line)) {
      from = pos;
    } else key = '';
    if (from >= 0 && /^testenv\b/.test(section)) {
      const mask = key === 'deps' ? depMask : COMMAND_KEYS.has(key) ? cmdMask : undefined;
      if (mask) {
        let k = from;
        while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
        const factor = /^[\w!,-]+:[ \t]+/.exec(text.slice(k, end));
        if (factor) k += factor[0].length;
        mask.keep(k, end);
        blankSubstitutions(mask, text, k, end);
      }
    }
    pos = nl + 1;
  }
  const doc = commandsDocument('tox-ini', text, commandsOfMask(cmdMask));
  const deps = parseRequirements(depMask.toString());
  for (const d of deps.dependencies) doc.dependencies.push({ ...d, source: 'manifest', section: 'tox deps' });
  doc.includes.push(...deps.includes);
  doc.indexes.push(...deps.indexes);
  doc.problems.push(...deps.problems);
  doc.dependencies.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return doc;
}

/** tox's names for the folder holding tox.ini (tox 3 `toxinidir`, tox 4 also `tox_root`). */
const INI_DIR = new Set(['{toxinidir}', '{tox_root}']);

/**
 * Blanks `{…}` substitutions (one level of nesting, as tox's `{env:X:{Y}}`). `{toxinidir}/` is
 * blanked with its slash: `-r{toxinidir}/doc/req.txt` names doc/req.txt next to tox.ini, which is
 * where a relative include resolves, not the absolute /doc/req.txt.
 */
function blankSubstitutions(mask: Mask, text: string, from: number, to: number): void {
  for (let i = text.indexOf('{', from); i >= 0 && i < to; i = text.indexOf('{', i + 1)) {
    let depth = 0;
    let j = i;
    for (; j < to; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) break;
    }
    const slash = INI_DIR.has(text.slice(i, j + 1)) && text[j + 1] === '/' ? 1 : 0;
    mask.blank(i, Math.min(j + 1 + slash, to));
    i = j + slash;
  }
}
