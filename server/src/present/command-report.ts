// The "Details" of a terminal check (issue 9 §4) as Markdown: what the command typed and what its
// output says came in, each name's findings with a link to the code's docs, the uninstall command,
// and what was not checked. Names and messages may come from a hostile terminal or index: every
// one goes through markdown.ts (one line, escaped, code spans that cannot be closed early).
import type { CheckCommandResult, CommandPackage } from '../../../shared/protocol';
import { uninstallCommand } from '../../../shared/protocol';
import { CODES, docsUrl, type CodeInfo } from '../core/codes';
import { codeSpan, text } from './markdown';

const BY_CODE = new Map<string, CodeInfo>(Object.values(CODES).map((c) => [c.code, c]));

function packageSection(p: CommandPackage): string[] {
  const out = [`### ${codeSpan(p.input)} — ${p.verdict}`, ''];
  for (const f of p.findings) {
    const info = BY_CODE.get(f.code);
    const code = info ? `[${f.code}](${docsUrl(info)})` : text(f.code);
    out.push(`- **${f.severity}** ${code} ${text(f.message, 500)}${f.fix ? ` — install ${codeSpan(f.fix)} instead` : ''}`);
  }
  if (p.lookup.startsWith('incomplete')) out.push(`- Not checked on the index: ${text(p.lookup.replace(/^incomplete: /, ''))}. Checked offline only; not known to be safe.`);
  else if (p.lookup === 'offline') out.push('- Index not asked (offline): a name that exists on no index is not detected.');
  if (p.findings.length === 0 && p.verdict === 'ok') out.push('- No findings.');
  out.push('');
  return out;
}

/** The Markdown for a check result of `command`. */
export function commandDetails(command: string, r: CheckCommandResult): string {
  const out = [`# Pipwatch: ${codeSpan(command, 300)}`, ''];
  out.push('Pipwatch checks an install command when it starts and again when its output says what was installed. It warns; it cannot stop or undo the install.', '');
  const flagged = r.packages.filter((p) => p.verdict === 'error' || p.verdict === 'warning');
  const typed = r.packages.filter((p) => p.source === 'command');
  const pulled = r.packages.filter((p) => p.source === 'output');
  if (typed.length > 0) out.push('## Named in the command', '', ...typed.flatMap(packageSection));
  if (pulled.length > 0) out.push('## Installed with it (read from the output)', '', ...pulled.flatMap(packageSection));
  if (r.packages.length === 0) out.push('No package names found to check.', '');
  const un = uninstallCommand(flagged);
  if (un) out.push('## Undo', '', `Remove the flagged packages with ${codeSpan(un, 1000)} (the Uninstall action puts it into the terminal; press Enter to run it).`, '');
  if (r.ignoredIndexes.length > 0 || r.notes.length > 0) {
    out.push('## Notes', '');
    for (const u of r.ignoredIndexes) out.push(`- The command names the index ${codeSpan(u)}: packages come from there. It was not used for this check.`);
    for (const n of r.notes) out.push(`- ${text(n, 500)}`);
    out.push('');
  }
  return out.join('\n');
}
