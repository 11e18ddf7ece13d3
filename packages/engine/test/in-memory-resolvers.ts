import { ApiError } from '../src/http/api-error.js';
import type {
  Authorization,
  AuthorizationRequirement,
  AuthorizationStatus,
  CredentialLookup,
  CredentialResolver,
  UserConnection,
} from '../src/tools/credential-resolver.js';
import type { SecretResolver, SecretSummary } from '../src/tools/secret-resolver.js';

// Small in-memory stand-ins for the OAuth 2.0 broker and the store's secrets, which arrive
// later. They implement the engine's resolver interfaces exactly as the HTTP API uses them, so
// the API's tests run through real HTTP with the official client.

type Grant = {
  userId: string;
  providerId: string;
  providerType: string;
  scopes: Set<string>;
  token: string;
};
type Flow = { authorization: Authorization; waiters: Set<() => void> };

export class InMemoryCredentialResolver implements CredentialResolver {
  readonly grants = new Map<string, Grant>();
  readonly flows = new Map<string, Flow>();
  /** Makes every call fail, to test how the API answers a broken resolver. */
  failWith: Error | undefined;
  /** The wait the last status call was given, in seconds. */
  lastWaitSeconds: number | undefined;
  private nextFlow = 1;

  grant({
    userId,
    providerId,
    providerType = 'oauth2',
    scopes,
    token,
  }: {
    userId: string;
    providerId: string;
    providerType?: string;
    scopes: readonly string[];
    token: string;
  }): void {
    const key = `${userId}:${providerId}`;
    const previous = this.grants.get(key);
    this.grants.set(key, {
      userId,
      providerId,
      providerType,
      scopes: new Set([...(previous?.scopes ?? []), ...scopes]),
      token,
    });
  }

  /** What the broker's callback does: store the credential, settle the flow, wake waiters. */
  complete({ flowId, token }: { flowId: string; token: string }): void {
    const flow = this.flows.get(flowId);
    if (flow === undefined) throw new Error(`no flow ${flowId}`);
    const { userId, providerId, scopes } = flow.authorization;
    this.grant({ userId, providerId, scopes, token });
    flow.authorization = { ...flow.authorization, status: 'completed', url: undefined };
    for (const wake of flow.waiters) wake();
  }

  private covering(userId: string, requirement: AuthorizationRequirement): Grant | undefined {
    this.throwIfFailing();
    const grant = this.grants.get(`${userId}:${requirement.providerId}`);
    if (grant === undefined) return undefined;
    return requirement.scopes.every((scope) => grant.scopes.has(scope)) ? grant : undefined;
  }

  private throwIfFailing(): void {
    if (this.failWith) throw this.failWith;
  }

  async getCredential({
    userId,
    requirement,
  }: {
    userId: string;
    requirement: AuthorizationRequirement;
  }): Promise<CredentialLookup> {
    const grant = this.covering(userId, requirement);
    return grant ? { type: 'token', token: grant.token } : { type: 'authorization_required' };
  }

  async getTokenStatus({
    userId,
    requirement,
  }: {
    userId: string;
    requirement: AuthorizationRequirement;
  }): Promise<AuthorizationStatus> {
    return this.covering(userId, requirement) ? 'completed' : 'not_started';
  }

  async authorize({
    userId,
    requirement,
  }: {
    userId: string;
    requirement: AuthorizationRequirement;
  }): Promise<Authorization> {
    const id = `flow_${this.nextFlow++}`;
    const covered = this.covering(userId, requirement) !== undefined;
    const authorization: Authorization = {
      id,
      status: covered ? 'completed' : 'pending',
      url: covered ? undefined : `https://consent.example/authorize/${id}`,
      providerId: requirement.providerId,
      scopes: [...requirement.scopes],
      userId,
    };
    this.flows.set(id, { authorization, waiters: new Set() });
    return authorization;
  }

  async getStatus({
    id,
    waitSeconds,
    signal,
  }: {
    id: string;
    waitSeconds: number;
    signal?: AbortSignal | undefined;
  }): Promise<Authorization> {
    this.throwIfFailing();
    this.lastWaitSeconds = waitSeconds;
    const flow = this.flows.get(id);
    if (flow === undefined) {
      throw new ApiError({
        status: 404,
        code: 'authorization_not_found',
        message: `There is no authorization '${id}'. Use the id from an authorize response.`,
      });
    }
    if (flow.authorization.status === 'pending' && waitSeconds > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          flow.waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, waitSeconds * 1000);
        flow.waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
    return flow.authorization;
  }

  async confirmUser({ flowId, userId }: { flowId: string; userId: string }) {
    const flow = this.flows.get(flowId);
    if (flow === undefined || flow.authorization.userId !== userId) {
      throw new ApiError({
        status: 400,
        code: 'user_mismatch',
        message: `Flow '${flowId}' was not started for user '${userId}'.`,
      });
    }
    return { authorizationId: flowId, nextUri: 'https://app.example/done' };
  }

  async listConnections({ userId, providerId }: { userId?: string; providerId?: string }) {
    this.throwIfFailing();
    return [...this.grants.values()]
      .filter(
        (grant) =>
          (userId === undefined || grant.userId === userId) &&
          (providerId === undefined || grant.providerId === providerId),
      )
      .map(
        (grant): UserConnection => ({
          id: `${grant.userId}:${grant.providerId}`,
          userId: grant.userId,
          providerId: grant.providerId,
          providerType: grant.providerType,
          scopes: [...grant.scopes],
          status: 'active',
        }),
      );
  }

  async deleteConnection({ id }: { id: string }) {
    return this.grants.delete(id);
  }
}

export class InMemorySecretResolver implements SecretResolver {
  readonly values = new Map<string, { value: string; summary: SecretSummary }>();

  async getSecrets({ keys }: { keys: readonly string[]; userId: string | undefined }) {
    return Object.fromEntries(keys.map((key) => [key, this.values.get(key)?.value]));
  }

  async listSecrets(_filter: { userId?: string | undefined }) {
    return [...this.values.values()].map(({ summary }) => summary);
  }

  async setSecret({
    key,
    value,
    description,
  }: {
    key: string;
    value: string;
    description?: string | undefined;
  }) {
    const summary: SecretSummary = { key, userId: undefined, updatedAt: new Date(), description };
    this.values.set(key, { value, summary });
    return summary;
  }

  async deleteSecret({ key }: { key: string }) {
    return this.values.delete(key);
  }
}
