import type Arcade from '@arcadeai/arcadejs';
import { PermissionDeniedError } from '@arcadeai/arcadejs';
import { executeOrAuthorizeZodTool, toZodToolSet } from '@arcadeai/arcadejs/lib/index';
import { waitForAuthorization } from '@toolgrant/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useArcadeStyleEngine } from './use-arcade-style-engine.js';

// The "Tool formats" seed (002), "Handle Authorization": its two options, as users copy them,
// run with the official client against the engine (Gmail.ListEmails served by the Arcade-style
// fixture worker). The snippets are the seed's, verbatim, inside a function each; the only
// change is the import path of the helpers: the seed says "@arcadeai/arcadejs/lib" (and
// "@arcadeai/arcadejs" for `executeOrAuthorizeZodTool`), but @arcadeai/arcadejs 2.4.1 exports
// them only as "@arcadeai/arcadejs/lib/index".

const setup = useArcadeStyleEngine();

afterEach(() => {
  vi.restoreAllMocks();
});

/** What the snippet printed with console.log, and what it printed with console.error. */
function captureConsole() {
  const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
  const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
  return {
    logged: () => logged.mock.calls.map((call) => call.map(String).join(' ')),
    failed: () => failed.mock.calls.map((call) => call.map(String).join(' ')),
  };
}

// Option 1: Manual handling (seed 002, verbatim).
// biome-ignore format: the seed's text, as users copy it
async function optionOne(arcade: Arcade) {
  const googleToolkit = await arcade.tools.list({
    limit: 20,
    toolkit: "gmail",
  });
  const tools = toZodToolSet({
    tools: googleToolkit.items,
    client: arcade,
    userId: "<YOUR_USER_ID>",
  })
  try {
    // @ts-expect-error -- the seed reads the tool without a check; this repository's tsconfig has noUncheckedIndexedAccess
    const result = await tools.Gmail_ListEmails.execute({
      limit: 10,
    });
    console.log(result);
  } catch (error) {
    if (error instanceof PermissionDeniedError) {
      // You can use the `arcade.tools.authorize` method to get an authorization URL for the user
      const authorizationResponse = await arcade.tools.authorize({
        tool_name: "Gmail.ListEmails",
        user_id: "<YOUR_USER_ID>",
      });
      console.log(authorizationResponse.url);
    } else {
      console.error("Error executing tool:", error);
    }
  }
}

// Option 2: Execute and authorize tool (seed 002, verbatim).
// biome-ignore format: the seed's text, as users copy it
async function optionTwo(arcade: Arcade) {
  const googleToolkit = await arcade.tools.list({
    limit: 20,
    toolkit: "gmail",
  });
  const tools = toZodToolSet({
    tools: googleToolkit.items,
    client: arcade,
    userId: "<YOUR_USER_ID>",
    executeFactory: executeOrAuthorizeZodTool, // Automatically handles tool authorization flows, including generating auth URLs
  });
  // @ts-expect-error -- the seed reads the tool without a check; this repository's tsconfig has noUncheckedIndexedAccess
  const result = await tools.Gmail_ListEmails.execute({
    limit: 10,
  });
  if ("authorization_required" in result && result.authorization_required) {
    console.log(
      `Please visit ${result.authorization_response.url} to authorize the tool`,
    );
  } else {
    console.log(result);
  }
  return result;
}

describe('the Zod helpers of the "Tool formats" seed, against the engine', () => {
  it('option 1 catches PermissionDeniedError and prints the authorization URL', async () => {
    const { client, engine, provider } = setup();
    const console = captureConsole();
    await optionOne(client);
    expect(console.failed()).toEqual([]);
    const [url = ''] = console.logged();
    // The engine's authorization link, which leads the user on to the provider.
    expect(url.startsWith(`${engine.url}/`)).toBe(true);
    const consentPage = await fetch(url, { redirect: 'manual' });
    expect(consentPage.headers.get('location')?.startsWith(provider.authorizationEndpoint)).toBe(
      true,
    );
  });

  it('option 2 returns authorization_required with the URL, then, after consent, the emails', async () => {
    const { client, engine, provider } = setup();
    let console = captureConsole();
    const pending = await optionTwo(client);
    expect(pending).toMatchObject({
      authorization_required: true,
      authorization_response: { status: 'pending', url: expect.any(String) },
    });
    const { authorization_response: authorization } = pending as {
      authorization_response: { id: string; url: string };
    };
    expect(authorization.url.startsWith(`${engine.url}/`)).toBe(true);
    expect(console.logged()).toEqual([`Please visit ${authorization.url} to authorize the tool`]);

    // The user "<YOUR_USER_ID>" signs in at the provider as alice and consents.
    const consent = await provider.completeConsent({
      authorizationUrl: authorization.url,
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);
    await waitForAuthorization({ client, authorization });

    vi.restoreAllMocks();
    console = captureConsole();
    const completed = await optionTwo(client);
    expect(completed).toMatchObject({
      success: true,
      output: { value: { user: 'alice', userInfoReceived: true } },
    });
    expect(console.failed()).toEqual([]);
  });
});
