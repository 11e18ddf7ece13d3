import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { apiKey, oauth2 } from './auth.js';
import { AuthNotDeclaredError } from './auth-not-declared-error.js';
import { defineTool } from './define-tool.js';
import { SecretNotDeclaredError } from './secret-not-declared-error.js';
import { createToolContext } from './tool-context.js';
import { createToolLogger } from './tool-logger.js';
import { ToolRequirementsNotMetError } from './tool-requirements-not-met-error.js';

const input = z.object({});
const execute = () => null;
const { logger } = createToolLogger();

describe('createToolContext', () => {
  it('gives the declared secrets and the credential for the declared requirement', () => {
    const tool = defineTool({
      name: 'Send',
      description: 'd',
      input,
      auth: oauth2({ provider: 'google', scopes: ['mail.send'] }),
      secrets: ['SIGNING_KEY'],
      execute,
    });
    const signal = new AbortController().signal;
    const context = createToolContext({
      tool,
      userId: 'ada@example.com',
      authToken: 'access-token-123',
      secrets: { SIGNING_KEY: 'sign-me', OTHER_TOOLS_KEY: 'not-yours' },
      signal,
      logger,
    });
    expect(context.userId).toBe('ada@example.com');
    expect(context.getAuthToken()).toBe('access-token-123');
    expect(context.getSecret('SIGNING_KEY')).toBe('sign-me');
    expect(context.signal).toBe(signal);
    expect(context.logger).toBe(logger);
  });

  it('refuses a secret the tool did not declare, even when the caller supplied it', () => {
    const tool = defineTool({ name: 'Read', description: 'd', input, secrets: ['A_KEY'], execute });
    const context = createToolContext({
      tool,
      userId: 'u',
      secrets: { A_KEY: 'a-value', B_KEY: 'b-value' },
      logger,
    });
    const read = () => context.getSecret('B_KEY' as 'A_KEY');
    expect(read).toThrowError(SecretNotDeclaredError);
    expect(read).toThrowError(
      "Tool 'Read' read the secret 'B_KEY' without declaring it. Add 'B_KEY' to the tool's secrets",
    );
    try {
      read();
    } catch (error) {
      expect(String(error)).not.toContain('b-value');
    }
  });

  it('hands no credential to a tool that declared no auth', () => {
    const tool = defineTool({ name: 'Echo', description: 'd', input, execute });
    const context = createToolContext({ tool, userId: 'u', authToken: 'someone-elses', logger });
    expect(() => context.getAuthToken()).toThrowError(AuthNotDeclaredError);
    expect(() => context.getAuthToken()).toThrowError(
      "Tool 'Echo' asked for an auth token but declares no auth requirement.",
    );
  });

  it('names every missing requirement, without values', () => {
    const tool = defineTool({
      name: 'Forecast',
      description: 'd',
      input,
      auth: apiKey({ provider: 'openweather' }),
      secrets: ['REGION', 'UNITS'],
      execute,
    });
    const create = () =>
      createToolContext({ tool, userId: 'u', secrets: { REGION: 'eu-west' }, logger });
    expect(create).toThrowError(ToolRequirementsNotMetError);
    expect(create).toThrowError(
      "Tool 'Forecast' cannot run: the user's authorization with provider 'openweather' and the secret 'UNITS' are not available.",
    );
    try {
      create();
    } catch (error) {
      expect(ToolRequirementsNotMetError.isInstance(error)).toBe(true);
      expect((error as ToolRequirementsNotMetError).missingSecrets).toEqual(['UNITS']);
      expect((error as ToolRequirementsNotMetError).missingAuthorization).toBe('openweather');
      expect(String(error)).not.toContain('eu-west');
    }
  });

  it('treats an empty secret value as missing', () => {
    const tool = defineTool({ name: 'Read', description: 'd', input, secrets: ['A_KEY'], execute });
    expect(() =>
      createToolContext({ tool, userId: 'u', secrets: { A_KEY: '' }, logger }),
    ).toThrowError("Tool 'Read' cannot run: the secret 'A_KEY' is not available.");
  });
});
