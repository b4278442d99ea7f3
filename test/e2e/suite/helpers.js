// Shared helpers for the e2e suite. Every wait polls with a deadline; nothing sleeps a fixed time.
'use strict';
const vscode = require('vscode');
const path = require('node:path');

const EXTENSION_ID = 'pipwatch.pipwatch';
const POLL_MS = 50;

/** Polls `probe` until it returns a truthy value; throws with `what` and the last value on timeout. */
async function waitFor(what, probe, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${describe(last)}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function describe(v) {
  try {
    return JSON.stringify(v)?.slice(0, 500);
  } catch {
    return String(v);
  }
}

/** Activates Pipwatch and waits until its language client is running. */
async function activate() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api.ready();
  return ext;
}

function workspaceUri(rel) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs a folder open (test/e2e/workspace copy)');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

/** Opens a workspace file in an editor (pulled diagnostics are requested for visible documents). */
async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

function codeOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/** Pipwatch's diagnostics for a document, in a shape easy to assert and to print. */
function pipwatchDiagnostics(uri) {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'pipwatch')
    .map((d) => ({
      code: codeOf(d),
      href: typeof d.code === 'object' && d.code !== null && d.code.target ? d.code.target.toString() : undefined,
      severity: d.severity,
      message: d.message,
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      raw: d,
    }));
}

/** Waits for a Pipwatch diagnostic with `code` on exactly `range` [l0, c0, l1, c1]. */
function waitForDiagnostic(uri, code, range, timeoutMs) {
  return waitFor(
    `${code} at ${JSON.stringify(range)} in ${path.basename(uri.path)}`,
    () => pipwatchDiagnostics(uri).find((d) => d.code === code && JSON.stringify(d.range) === JSON.stringify(range)),
    timeoutMs,
  );
}

/** Waits until no Pipwatch diagnostic with `code` is on line `line`. */
function waitForNoDiagnostic(uri, code, line, timeoutMs) {
  return waitFor(
    `no ${code} on line ${line} of ${path.basename(uri.path)}`,
    () => !pipwatchDiagnostics(uri).some((d) => d.code === code && d.range[0] === line),
    timeoutMs,
  );
}

/** Plain text of the hovers at a position (MarkdownString or MarkedString contents). */
async function hoverText(uri, position) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Sets a pipwatch.* workspace setting and returns a function that restores the old value. */
async function setWorkspaceSetting(key, value) {
  const cfg = vscode.workspace.getConfiguration('pipwatch');
  const old = cfg.inspect(key)?.workspaceValue;
  await cfg.update(key, value, vscode.ConfigurationTarget.Workspace);
  return () => vscode.workspace.getConfiguration('pipwatch').update(key, old, vscode.ConfigurationTarget.Workspace);
}

module.exports = {
  EXTENSION_ID,
  activate,
  codeOf,
  hoverText,
  open,
  pipwatchDiagnostics,
  setWorkspaceSetting,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
  workspaceUri,
};
