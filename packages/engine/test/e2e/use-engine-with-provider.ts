import {
  type OAuthProvider,
  type StartOAuthProviderOptions,
  startOAuthProvider,
} from '@toolgrant/testkit';
import { afterAll, beforeAll } from 'vitest';
import { createEngineLauncher, type EngineUnderTest } from './engine-under-test.js';

// The setup most end-to-end files share: a testkit OAuth provider and an engine launcher
// registered at it, started in `beforeAll` and closed in `afterAll`, with one engine to test.

export type EngineLauncher = ReturnType<typeof createEngineLauncher>;

export type EngineWithProvider = {
  provider: OAuthProvider;
  launcher: EngineLauncher;
  /** The engine started in `beforeAll`; absent with `startEngine: false`. */
  underTest: EngineUnderTest;
};

export function useEngineWithProvider({
  providerOptions,
  clientSecret,
  startEngine = true,
}: {
  providerOptions?: StartOAuthProviderOptions;
  /** The client secret registered at the provider and given to each engine. */
  clientSecret?: string;
  /** Start one engine in `beforeAll` (default); without it, tests start their own. */
  startEngine?: boolean;
} = {}): EngineWithProvider {
  let provider: OAuthProvider | undefined;
  let launcher: EngineLauncher | undefined;
  let underTest: EngineUnderTest | undefined;

  beforeAll(async () => {
    provider = await startOAuthProvider(providerOptions);
    launcher = createEngineLauncher({
      provider,
      ...(clientSecret === undefined ? {} : { clientSecret }),
    });
    if (startEngine) underTest = await launcher.start();
  });

  afterAll(async () => {
    await launcher?.closeAll();
    await provider?.close();
  });

  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) {
      throw new Error(
        `useEngineWithProvider's ${name} is not there yet: read it inside a test or hook${
          name === 'underTest' ? ', and leave startEngine on' : ''
        }.`,
      );
    }
    return value;
  };
  return {
    get provider() {
      return started(provider, 'provider');
    },
    get launcher() {
      return started(launcher, 'launcher');
    },
    get underTest() {
      return started(underTest, 'underTest');
    },
  };
}
