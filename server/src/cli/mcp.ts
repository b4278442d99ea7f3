// `pipwatch mcp`: a Model Context Protocol server over stdio (https://modelcontextprotocol.io/specification)
// built on the official TypeScript SDK, so coding agents can ask about a package BEFORE they run
// `pip install` — the moment a hallucinated or typo'd name does its harm. One tool,
// check_packages. Offline by default (no name leaves the machine); `--online` and the index flags
// of `pipwatch check` turn on the index rules. stdout carries only the protocol; logs go to stderr.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import * as z from 'zod';
import { redactText } from '../index/urls';
import type { CheckOptions } from './args';
import { checkEntries, entriesOf, INCOMPLETE_NOTE, markIncomplete, reportText, type CheckReport } from '../assess/check-packages';
import { cliSettings } from './check';
import { discoverSystemIndexes, makeIndexClient, type CliIndexClient } from './index-client';

const findingSchema = z.object({
  code: z.string(),
  rule: z.string(),
  severity: z.enum(['error', 'warning', 'information', 'hint']),
  message: z.string(),
  fix: z.string().optional(),
});

const outputShape = {
  packages: z.array(
    z.object({
      input: z.string(),
      name: z.string().optional(),
      verdict: z.enum(['error', 'warning', 'information', 'hint', 'ok', 'not-checked']),
      findings: z.array(findingSchema),
      lookup: z.string(),
    }),
  ),
  ignoredIndexes: z.array(z.string()),
  mode: z.enum(['offline', 'online']),
  note: z.string().optional(),
};

const DESCRIPTION =
  'Check Python package names before installing them: typosquats of popular PyPI projects, import names that are not the ' +
  'package (sklearn, cv2), and — when the server runs with --online — names that exist on no index (hallucinated), ' +
  'quarantined, malicious or very young projects. Pass "packages" (names or PEP 508 requirements) or "command" (a ' +
  'pip/uv/poetry/pdm/pipx install command). Each package gets a verdict (error, warning, information, hint, ok, not-checked) ' +
  'and its findings, with the canonical name to use instead when there is one.';

/** Runs the MCP server on stdin/stdout until the client disconnects. */
export async function runMcp(o: CheckOptions, version: string, stderr: (s: string) => void): Promise<number> {
  const settings = cliSettings(o);
  let client: CliIndexClient | undefined;
  const server = new McpServer({ name: 'pipwatch', version });
  server.registerTool(
    'check_packages',
    {
      title: 'Check Python packages before installing',
      description: DESCRIPTION,
      inputSchema: {
        packages: z.array(z.string()).optional().describe('Names or requirements, e.g. ["requests", "fastapi[standard]>=0.115"]'),
        command: z.string().optional().describe('An install command, e.g. "pip install -U reqeusts numpy"'),
      },
      outputSchema: outputShape,
      annotations: { readOnlyHint: true, openWorldHint: !o.offline },
    },
    async (args) => {
      const e = entriesOf(args);
      if (e.error) return { isError: true, content: [{ type: 'text' as const, text: e.error }] };
      if (!o.offline && !client) {
        // The indexes pip and uv on this machine would ask, exactly as `pipwatch check` does.
        client = makeIndexClient(settings, o.cacheDir, [], discoverSystemIndexes((m) => stderr(`pipwatch mcp: ${m}`)));
        for (const line of client.client.describeIndexes()) stderr(`pipwatch mcp: ${line}`);
      }
      const packages = await checkEntries(e.entries, settings, client?.client);
      const report: CheckReport = { packages, ignoredIndexes: e.ignoredIndexes, mode: o.offline ? 'offline' : 'online' };
      // Lookups that did not complete, from the client's ledger, for this call's names only.
      if (markIncomplete(packages, client?.client)) report.note = INCOMPLETE_NOTE;
      // Findings quote index answers and URLs: redact as every other output does (issue 8 §1).
      const structured = JSON.parse(redactText(JSON.stringify(report))) as CheckReport;
      return { content: [{ type: 'text' as const, text: redactText(reportText(report)) }], structuredContent: { ...structured } };
    },
  );
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.connect(transport);
  stderr(`pipwatch mcp: ready on stdio (${o.offline ? 'offline' : 'online'})`);
  await closed;
  await client?.close();
  return 0;
}
