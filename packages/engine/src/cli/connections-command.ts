import { createEngine } from '../create-engine.js';
import type { UserConnectionResponse } from '../in-process-client.js';
import { loadEngineConfig, parse, sharedOptions, sharedOptionsUsage } from './cli-arguments.js';
import type { CliOutput } from './cli-output.js';
import { CliUsageError } from './cli-usage-error.js';
import { createCliLogger } from './create-cli-logger.js';

// `toolgrant connections list | revoke`: the engine built from the same configuration as
// `serve`, and its admin API used in process, so no server needs to run and revoking also
// revokes the token at the provider.

/** Help for `toolgrant connections list`. */
export const connectionsListUsage = `Usage: toolgrant connections list --user <id> [options]

Lists the user's connections: provider, type, status and granted scopes (never a token).

Options:
  --user <id>           The user (required)
  --provider <id>       Only the connection to this provider
  --json                Print JSON
${sharedOptionsUsage}
`;

/** Help for `toolgrant connections revoke`. */
export const connectionsRevokeUsage = `Usage: toolgrant connections revoke --user <id> [--provider <id>] [--id <connectionId>] [options]

Revokes the user's tokens at the provider (where it supports revocation) and deletes the
connections: all of the user's, or only the one to --provider, or the one with --id.
The user authorizes again on their next tool call.

Options:
  --user <id>           The user (required)
  --provider <id>       Only the connection to this provider
  --id <connectionId>   Only this connection (an id from 'connections list')
${sharedOptionsUsage}
`;

/** Runs `connections list` or `connections revoke` and resolves with the exit code. */
export async function connections({
  subcommand,
  argv,
  output,
  environment,
  directory,
}: {
  subcommand: 'list' | 'revoke';
  argv: readonly string[];
  output: CliOutput;
  environment: Readonly<Record<string, string | undefined>>;
  directory: string;
}): Promise<number> {
  const usage = subcommand === 'list' ? connectionsListUsage : connectionsRevokeUsage;
  const { values } = parse({
    argv,
    options: {
      ...sharedOptions,
      user: { type: 'string' },
      provider: { type: 'string' },
      id: { type: 'string' },
      json: { type: 'boolean' },
    },
    usage,
  });
  if (values.help) {
    output.stdout.write(usage);
    return 0;
  }
  if (values.user === undefined || values.user.trim() === '') {
    throw new CliUsageError({ message: '--user <id> is required.', usage });
  }
  if (subcommand === 'list' && values.id !== undefined) {
    throw new CliUsageError({ message: "--id is an option of 'connections revoke'.", usage });
  }
  if (subcommand === 'revoke' && values.json) {
    throw new CliUsageError({ message: "--json is an option of 'connections list'.", usage });
  }
  const userId = values.user;
  const { config } = await loadEngineConfig({
    configFile: values.config,
    dataDirectory: values['data-dir'],
    directory,
  });
  const engine = await createEngine({
    ...config,
    ...(values.dev ? { devMode: true } : {}),
    // Nothing here completes an authorization; a placeholder keeps the broker from warning
    // about dev-mode verification on every command.
    userVerification: config.userVerification ?? { verifierUrl: 'http://127.0.0.1/unused' },
    logger: config.logger ?? createCliLogger({ output, level: 'warn' }),
    environment,
  });
  try {
    const listed = await listConnections({
      engine,
      userId,
      providerId: values.provider,
    });
    if (subcommand === 'list') {
      output.stdout.write(
        values.json
          ? `${JSON.stringify(listed, null, 2)}\n`
          : formatConnections({ userId, connections: listed }),
      );
      return 0;
    }

    const chosen = values.id === undefined ? listed : listed.filter(({ id }) => id === values.id);
    if (chosen.length === 0) {
      const what =
        values.id !== undefined
          ? `no connection '${values.id}'`
          : values.provider !== undefined
            ? `no connection to '${values.provider}'`
            : 'no connections';
      output.stderr.write(
        `toolgrant: User '${userId}' has ${what}; nothing was revoked. 'toolgrant connections list --user ${userId}' shows their connections.\n`,
      );
      return 1;
    }
    for (const connection of chosen) {
      await engine.client.admin.userConnections.delete(connection.id);
      output.stdout.write(
        `Revoked ${connection.provider_id} (${connection.provider_type}) for user '${userId}'.\n`,
      );
    }
    return 0;
  } finally {
    await engine.close();
  }
}

async function listConnections({
  engine,
  userId,
  providerId,
}: {
  engine: Awaited<ReturnType<typeof createEngine>>;
  userId: string;
  providerId: string | undefined;
}): Promise<UserConnectionResponse[]> {
  const connections: UserConnectionResponse[] = [];
  for (let offset = 0; ; ) {
    const page = await engine.client.admin.userConnections.list({
      user_id: userId,
      ...(providerId === undefined ? {} : { provider_id: providerId }),
      limit: 100,
      offset,
    });
    connections.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total_count) return connections;
  }
}

function formatConnections({
  userId,
  connections,
}: {
  userId: string;
  connections: readonly UserConnectionResponse[];
}): string {
  if (connections.length === 0) return `User '${userId}' has no connections.\n`;
  const rows = [
    ['PROVIDER', 'TYPE', 'STATUS', 'SCOPES', 'ID'],
    ...connections.map((connection) => [
      connection.provider_id,
      connection.provider_type,
      connection.connection_status,
      connection.scopes.join(' ') || '-',
      connection.id,
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return `${rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n')}\n`;
}
