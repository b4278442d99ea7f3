// Shell scripts: the whole file is shell. A file is one by its extension (`.sh`, `.bash`, `.zsh`,
// `.ksh`, `.ps1`) or, without one, by a shebang naming a shell (`#!/bin/sh`, `#!/usr/bin/env bash`).
import type { ParsedDocument } from '../../core/types';
import { parseInstallCommands } from '../install-command';
import { stripBom } from '../text';
import { commandsDocument } from './command-doc';

const SHEBANG = /^#![ \t]*(?:\/usr)?(?:\/local)?\/bin\/(?:env[ \t]+(?:-S[ \t]+)?)?(?:sh|bash|zsh|ksh|dash|ash|pwsh)(?:[ \t]|$)/;

/** True when the text starts with a shebang that runs a shell (content sniffing for extensionless scripts). */
export function hasShellShebang(text: string): boolean {
  const first = stripBom(text).slice(0, 200).split(/\r?\n/, 1)[0] ?? '';
  return SHEBANG.test(first);
}

export function parseShellScript(input: string): ParsedDocument {
  const text = stripBom(input);
  return commandsDocument('shell', text, parseInstallCommands(text));
}
