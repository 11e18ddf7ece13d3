import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Arcade, { APIConnectionError } from '@arcadeai/arcadejs';
import { AuthorizationFailedError, waitForAuthorization } from '@toolgrant/core';
import { loadDotEnv } from './load-dot-env.js';

// `pnpm try`: uses the engine the way an agent does, without a model, through the official
// Arcade client. Authorizes GitHub.ListRepositories for a user (printing GitHub's consent link
// and waiting for it), then lists that user's repositories.

type RepositoryPage = {
  repositories: {
    full_name: string;
    description: string | null;
    private: boolean;
    stargazers_count: number;
  }[];
  next_page: number | null;
};

const toolName = 'GitHub.ListRepositories';

loadDotEnv();
const baseURL = process.env.ARCADE_BASE_URL || 'http://127.0.0.1:9099';
const userId = process.env.USER_ID || 'me';

try {
  const client = new Arcade({ apiKey: await readApiKey(), baseURL, maxRetries: 0 });

  const authorization = await client.tools.authorize({ tool_name: toolName, user_id: userId });
  if (authorization.status !== 'completed') {
    console.log(
      `Open this link, sign in to GitHub and approve access for '${userId}':\n\n  ${authorization.url}\n\nWaiting for you to finish...`,
    );
    // Core's wait, not the official client's `waitForCompletion`: that one keeps asking after a
    // denial (it stops only on `completed`), so the command never ended.
    await waitForAuthorization({ client, authorization: authorization.id as string });
    console.log('Authorized.\n');
  }

  const result = await client.tools.execute({
    tool_name: toolName,
    user_id: userId,
    input: { per_page: 10 },
  });
  if (!result.success) {
    throw new Error(`${toolName} failed: ${result.output?.error?.message ?? 'no reason given'}`);
  }
  const page = result.output?.value as RepositoryPage;
  console.log(`${userId}'s GitHub repositories, most recently updated first:\n`);
  const width = Math.max(0, ...page.repositories.map((repository) => repository.full_name.length));
  for (const repository of page.repositories) {
    const visibility = repository.private ? 'private' : 'public ';
    const stars = `★ ${repository.stargazers_count}`.padEnd(7);
    console.log(
      `  ${repository.full_name.padEnd(width)}  ${stars} ${visibility}  ${repository.description ?? ''}`.trimEnd(),
    );
  }
  if (page.repositories.length === 0) console.log('  (none)');
  if (page.next_page !== null) console.log(`\n...and more on page ${page.next_page}.`);
} catch (error) {
  if (AuthorizationFailedError.isInstance(error)) {
    // The person said no (or GitHub failed the flow): an answer, not a failure of this command,
    // so it ends with 0 and pnpm adds no error of its own after the sentence.
    console.log(
      "The authorization did not go through (declined at GitHub, or GitHub returned an error), so nothing was read. Run 'npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools try' again to start over.",
    );
  } else {
    console.error(describeFailure(error));
    process.exitCode = 1;
  }
}

/** ARCADE_API_KEY, else the key `pnpm engine` generated into its data directory. */
async function readApiKey(): Promise<string> {
  if (process.env.ARCADE_API_KEY) return process.env.ARCADE_API_KEY;
  const file = path.resolve(process.env.TOOLGRANT_DATA_DIR || '.toolgrant', 'api-key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    throw new Error(
      `No API key: set ARCADE_API_KEY, or start the engine first ('npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools engine'), which generates one into ${file}.`,
    );
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof APIConnectionError) {
    return `Could not reach the engine at ${baseURL}. Start it first: 'npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools engine' (or '… worker' and '… engine:with-worker').`;
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 401) {
    return `The engine at ${baseURL} refused the API key. Unset ARCADE_API_KEY to use the key it generated, or set the one it was configured with.`;
  }
  if (status === 404) {
    return `The engine at ${baseURL} serves no ${toolName}. With the worker setup, is 'npx --yes pnpm@10.34.9 --filter @toolgrant/example-custom-tools worker' running?`;
  }
  return error instanceof Error ? error.message : String(error);
}
