// The README's demo: the engine (SQLite in .data/engine), the testkit's OAuth provider with its
// demo user and protected inbox API, and this Next.js chat. Ctrl-C stops all of it.
//
// Ports: PORT (chat, 3000), TOOLGRANT_DEMO_ENGINE_PORT (9099), TOOLGRANT_DEMO_PROVIDER_PORT (4010);
// TOOLGRANT_DEMO_DATA_DIR moves the engine's data directory.
//
// `--mcp` adds the engine's own /mcp to the chat as an MCP server (CHAT_MCP_URL and
// CHAT_MCP_HEADERS with the engine's API key and `Arcade-User-ID: {userId}`): asked through MCP,
// the scripted model calls `mcp_Inbox_ListMessages`, and the consent card is the MCP server's.
//
// `pnpm demo` runs this on the project's Node binary itself (node_modules/node/bin/node with
// tsx's loader) rather than through the `node` and `tsx` shell shims: a shim shell would die of
// the Ctrl-C too, and pnpm would report the cleanly stopped demo as a failed command.

import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { demoMcpPrompt, demoPrompt, startLocalStack } from '@toolgrant/example-local-stack';
import {
  type ChatMcpConfig,
  readChatMcpConfig,
  userIdPlaceholder,
} from '../lib/chat-mcp-config.js';
import { chooseModel } from '../lib/choose-model.js';
import { type RunningNext, startNext } from './start-next.js';

const appDirectory = path.join(import.meta.dirname, '..');
// The same .env the chat's server reads, so the banner names the model it will use.
const envFile = path.join(appDirectory, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const ports = {
  chat: portFrom('PORT', 3000),
  engine: portFrom('TOOLGRANT_DEMO_ENGINE_PORT', 9099),
  provider: portFrom('TOOLGRANT_DEMO_PROVIDER_PORT', 4010),
};

const throughMcp = process.argv.slice(2).includes('--mcp');
// The chat's own MCP settings (from .env), checked before anything starts; `--mcp` replaces them.
const mcpConfig = throughMcp ? undefined : readMcpConfigOrExit();

console.log('Starting the Toolgrant demo…');
for (const [variable, port] of [
  ['PORT', ports.chat],
  ['TOOLGRANT_DEMO_ENGINE_PORT', ports.engine],
  ['TOOLGRANT_DEMO_PROVIDER_PORT', ports.provider],
] as const) {
  await ensurePortFree(port, variable);
}

const stack = await startLocalStack({
  dataDirectory: process.env.TOOLGRANT_DEMO_DATA_DIR || path.join(appDirectory, '.data/engine'),
  enginePort: ports.engine,
  providerPort: ports.provider,
});
let chat: RunningNext | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the demo…');
  await chat?.stop();
  await stack.close();
  console.log('Stopped.');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));

try {
  chat = await startNext({
    directory: appDirectory,
    port: ports.chat,
    environment: {
      ARCADE_BASE_URL: stack.engineUrl,
      ARCADE_API_KEY: stack.apiKey,
      ...(throughMcp ? engineMcpEnvironment(stack) : {}),
    },
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}

const { label, scripted } = chooseModel();
console.log(`
Toolgrant demo is running.

  Open     ${chat?.url}
  Ask      ${demoPrompt}
  Sign in  as ${stack.demoUser.username} / ${stack.demoUser.password} when the provider asks
  Model    ${label}${scripted ? ' (set OPENAI_API_KEY in examples/ai-sdk-nextjs-chat/.env for a real one)' : ''}
  Engine   ${stack.engineUrl} (SQLite in examples/ai-sdk-nextjs-chat/.data/engine)${mcpLine()}

Press Ctrl-C to stop.`);

/** The chat's MCP server: the engine's own /mcp, as the user the browser signs in as. */
function engineMcpEnvironment({ engineUrl, apiKey }: { engineUrl: string; apiKey: string }) {
  return {
    CHAT_MCP_URL: `${engineUrl}/mcp`,
    CHAT_MCP_HEADERS: JSON.stringify({
      Authorization: `Bearer ${apiKey}`,
      'Arcade-User-ID': userIdPlaceholder,
    }),
    CHAT_MCP_NAME: 'mcp',
  };
}

function mcpLine(): string {
  const server = throughMcp
    ? `the engine's own ${stack.engineUrl}/mcp, as mcp_* tools`
    : mcpConfig && `${mcpConfig.url.origin}${mcpConfig.url.pathname}, as ${mcpConfig.name}_* tools`;
  if (!server) return '';
  // The scripted model takes the MCP server's inbox tool when asked for MCP.
  const hint = chooseModel().scripted ? `: ask “${demoMcpPrompt}”` : '';
  return `\n  MCP      ${server}${hint}`;
}

function readMcpConfigOrExit(): ChatMcpConfig | undefined {
  try {
    return readChatMcpConfig(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

function portFrom(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`${variable} must be a port number from 1 to 65535, got '${value}'.`);
    process.exit(2);
  }
  return port;
}

async function ensurePortFree(port: number, variable: string) {
  const server = createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!free) {
    console.error(
      `Port ${port} is already in use (is another demo running?). Stop what uses it, or set ${variable} to a free port.`,
    );
    process.exit(2);
  }
  await new Promise((resolve) => server.close(resolve));
}
