import Arcade from '@arcadeai/arcadejs';

// The official client, on the server only: the API key never reaches the browser. `pnpm demo`
// points it at the local engine it starts; set ARCADE_BASE_URL and ARCADE_API_KEY for yours.

let client: Arcade | undefined;

export function engineClient(): Arcade {
  if (client) return client;
  const { ARCADE_BASE_URL: baseURL, ARCADE_API_KEY: apiKey } = process.env;
  if (!baseURL || !apiKey) {
    throw new Error(
      'ARCADE_BASE_URL and ARCADE_API_KEY are not set. Start the chat with `npx --yes pnpm@10.34.9 demo`, which runs a local engine and sets them, or set them in .env for your own engine.',
    );
  }
  client = new Arcade({ baseURL, apiKey });
  return client;
}
