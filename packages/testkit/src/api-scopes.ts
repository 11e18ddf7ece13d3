/** A scope of the protected API, with the description the consent page shows. */
export type ApiScope = { name: string; description: string };

/** The protected API's scopes unless a test names its own. */
export const defaultApiScopes: readonly ApiScope[] = [
  { name: 'inbox.read', description: 'Read your inbox' },
  { name: 'inbox.send', description: 'Send email as you' },
];

const openidScopeDescriptions: Record<string, string> = {
  openid: 'Know who you are',
  profile: 'See your name',
  email: 'See your email address',
  offline_access: 'Keep access while you are away',
};

/** What the consent page says a scope allows: the API's description, OpenID's, or its name. */
export function describeScope({
  scope,
  apiScopes,
}: {
  scope: string;
  apiScopes: readonly ApiScope[];
}): string {
  return (
    apiScopes.find((candidate) => candidate.name === scope)?.description ??
    openidScopeDescriptions[scope] ??
    scope
  );
}
