import { describe, expect, it } from 'vitest';
import { createRecorder, type EngineUnderTest } from '../e2e/engine-under-test.js';
import { useEngineWithProvider } from '../e2e/use-engine-with-provider.js';
import { connectV1Client } from './connect-v1-client.js';
import { expectNoSecrets } from './expect-no-secrets.js';
import { connectV2Client } from './mcp-clients.js';

// Clients that did not declare URL elicitation. By default a 2026-07-28 client gets the
// protocol's missing-capability error (-32021 naming elicitation.url), and a 2025 client an
// isError result saying why. With the operator's opt-in text fallback, both get a text result
// carrying the authorization link for the model to pass on; URL-capable clients still get
// URL elicitation.

const recorder = createRecorder();
const fixture = useEngineWithProvider({ startEngine: false });
const messages: string[] = [];
const engines: Partial<Record<'strict' | 'fallback', EngineUnderTest>> = {};
const engine = async (kind: 'strict' | 'fallback') => {
  engines[kind] ??= await fixture.launcher.start({
    recorder,
    ...(kind === 'fallback' ? { engineOptions: { mcp: { textFallback: true } } } : {}),
  });
  return engines[kind];
};
const headers = (underTest: EngineUnderTest, userId: string) => ({
  Authorization: `Bearer ${underTest.apiKey}`,
  'Arcade-User-ID': userId,
});

describe('clients without URL elicitation', () => {
  it('2026-07-28: the missing-capability error names elicitation.url, and nothing runs', async () => {
    const underTest = await engine('strict');
    const client = await connectV2Client({
      url: `${underTest.url}/mcp`,
      era: 'modern',
      headers: headers(underTest, 'alice'),
      bodies: messages,
      urlElicitation: false,
    });
    const error = await client.callTool({ name: 'Inbox_ListMessages', arguments: {} }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      code: -32021,
      data: { requiredCapabilities: { elicitation: { url: {} } } },
    });
    expect(underTest.credentialsSeen.size).toBe(0);
    await client.close();
  });

  it('with the text fallback, both eras get the link as text; a URL-capable client still gets elicitation', async () => {
    const underTest = await engine('fallback');
    const modern = await connectV2Client({
      url: `${underTest.url}/mcp`,
      era: 'modern',
      headers: headers(underTest, 'alice'),
      bodies: messages,
      urlElicitation: false,
    });
    const { client: legacy } = await connectV1Client({
      url: `${underTest.url}/mcp`,
      headers: headers(underTest, 'alice'),
      bodies: messages,
      urlElicitation: false,
    });
    for (const result of [
      await modern.callTool({ name: 'Inbox_ListMessages', arguments: {} }),
      await legacy.callTool({ name: 'Inbox_ListMessages', arguments: {} }),
    ]) {
      const text = JSON.stringify(result.content);
      expect(text).toContain('Give them this link');
      expect(text).toContain(`${underTest.url}/v1/oauth/start/`);
    }
    await modern.close();
    await legacy.close();

    const capable = await connectV2Client({
      url: `${underTest.url}/mcp`,
      era: 'modern',
      headers: headers(underTest, 'alice'),
      bodies: messages,
      autoFulfill: false,
    });
    const asked = (await capable.callTool(
      { name: 'Inbox_ListMessages', arguments: {} },
      { allowInputRequired: true },
    )) as unknown as { resultType: string };
    expect(asked.resultType).toBe('input_required');
    await capable.close();
  });

  it('leaks no token in any message or log line', async () => {
    for (const underTest of Object.values(engines)) {
      await expectNoSecrets({ underTest, recorder, messages });
    }
  });
});
