// Entry of the Pipwatch language server. Transport comes from the command line, as
// vscode-languageserver reads it: `--stdio` (Neovim, Helix, any editor), `--node-ipc`
// (vscode-languageclient's default) or `--socket=N`. stdout belongs to the protocol, so nothing
// here ever writes to it; failures go to the client's log through connection.console.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startSession } from './lsp/session';

const connection = createConnection(ProposedFeatures.all);

function describe(e: unknown): string {
  return e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
}

// A stray rejection or exception must not take the server (and every editor feature) down.
process.on('unhandledRejection', (reason) => {
  try {
    connection.console.error(`unhandled rejection: ${describe(reason)}`);
  } catch {
    // connection already closed
  }
});
process.on('uncaughtException', (err) => {
  try {
    connection.console.error(`uncaught exception: ${describe(err)}`);
  } catch {
    // connection already closed
  }
});

startSession(connection);
