import type { Engine } from '@toolgrant/engine';

/** What `pnpm engine` prints once it listens: where, which tools, what to register at GitHub. */
export async function formatEngineSummary({
  engine,
  servedBy,
}: {
  engine: Engine;
  /** Where the GitHub tools run, for the reader: "this process", "the worker at ...". */
  servedBy: string;
}): Promise<string> {
  const tools = await engine.client.tools.list({ toolkit: 'GitHub' });
  const names = tools.items.map((tool) => tool.qualified_name);
  const apiKey =
    engine.apiKeySource === 'generated'
      ? `generated into ${engine.apiKeyFile} (the try command reads it there)`
      : `from ${engine.apiKeySource === 'config' ? 'the configuration' : 'TOOLGRANT_API_KEYS'}`;
  return [
    `Toolgrant engine listening at ${engine.url}`,
    '',
    `  GitHub tools:  ${names.length > 0 ? names.join(', ') : 'none yet (is the worker running? the engine checks again every few seconds)'}`,
    `  Served by:     ${servedBy}`,
    `  API key:       ${apiKey}`,
    `  Callback URL:  ${engine.redirectUri}`,
    '                 (your GitHub OAuth app’s "Authorization callback URL")',
    '',
    'Try it from another terminal: npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools try',
    '',
  ].join('\n');
}
