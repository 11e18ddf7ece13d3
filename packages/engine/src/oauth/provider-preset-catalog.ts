import type { OAuth2ProviderSettings } from './oauth2-provider-settings.js';

// Endpoints and quirks of well-known OAuth 2.0 providers, as their public documentation
// describes them, so that a configuration needs only a client id and secret. Every field can
// be overridden in the provider's configuration.
//
// Decisions worth knowing:
// - revokeUrl is set only where the provider has an RFC 7009-style endpoint (POST `token`).
//   GitHub (DELETE /applications/{client_id}/grant), Dropbox (bearer-authenticated
//   /2/auth/token/revoke) and HubSpot (DELETE /oauth/v1/refresh-tokens/{token}) revoke
//   differently, Microsoft, Atlassian and Spotify have no revocation endpoint.
// - slack requests *user* scopes (`user_scope`): Toolgrant acts on behalf of the user, and the
//   token response's `authed_user` token is the one used. Add bot scopes with
//   `authorizeParameters: { scope: '...' }` if a tool needs the bot token instead.
// - github takes space-separated scopes in the authorization request and lists the granted
//   ones comma-separated in its token response; both are understood.
// - Refresh tokens: google (access_type=offline, prompt=consent so one is issued again on
//   re-consent), dropbox (token_access_type=offline), and offline_access scopes for microsoft,
//   atlassian and x.
// - PKCE is on where the provider documents it; slack and notion have it off.
// - hubspot uses the v1 token endpoint (snake_case token responses); HubSpot deprecates it on
//   2027-02-16 in favour of dated endpoints: override tokenUrl once those are adopted.

/** The names of the well-known providers with presets, for `preset:` in a provider entry. */
export const providerPresetNames = [
  'google',
  'github',
  'slack',
  'microsoft',
  'zoom',
  'atlassian',
  'linear',
  'notion',
  'dropbox',
  'spotify',
  'x',
  'hubspot',
] as const;

/** The name of a well-known provider with a preset. */
export type ProviderPresetName = (typeof providerPresetNames)[number];

/** What a preset fixes; `refreshUrl` defaults to `tokenUrl` as for any provider. */
export type ProviderPreset = Omit<OAuth2ProviderSettings, 'refreshUrl'> & {
  refreshUrl?: string;
  /** Where to register the app and get a client id and secret. */
  consoleUrl: string;
};

export const providerPresets: Record<ProviderPresetName, ProviderPreset> = {
  google: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    clientAuthentication: 'client_secret_post',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: { access_type: 'offline', prompt: 'consent' },
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: [],
    consoleUrl: 'https://console.cloud.google.com/apis/credentials',
  },
  github: {
    authorizeUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    revokeUrl: undefined,
    clientAuthentication: 'client_secret_post',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: {},
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: [],
    consoleUrl: 'https://github.com/settings/developers',
  },
  slack: {
    authorizeUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    revokeUrl: 'https://slack.com/api/auth.revoke',
    clientAuthentication: 'client_secret_post',
    scopeDelimiter: ',',
    scopeParameter: 'user_scope',
    authorizeParameters: {},
    tokenRequestFormat: 'form',
    pkce: false,
    defaultScopes: [],
    consoleUrl: 'https://api.slack.com/apps',
  },
  microsoft: {
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    revokeUrl: undefined,
    clientAuthentication: 'client_secret_post',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: {},
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: ['offline_access'],
    consoleUrl: 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps',
  },
  zoom: {
    authorizeUrl: 'https://zoom.us/oauth/authorize',
    tokenUrl: 'https://zoom.us/oauth/token',
    revokeUrl: 'https://zoom.us/oauth/revoke',
    clientAuthentication: 'client_secret_basic',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: {},
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: [],
    consoleUrl: 'https://marketplace.zoom.us/develop/create',
  },
  atlassian: {
    authorizeUrl: 'https://auth.atlassian.com/authorize',
    tokenUrl: 'https://auth.atlassian.com/oauth/token',
    revokeUrl: undefined,
    clientAuthentication: 'client_secret_post',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: { audience: 'api.atlassian.com', prompt: 'consent' },
    tokenRequestFormat: 'json',
    pkce: true,
    defaultScopes: ['offline_access'],
    consoleUrl: 'https://developer.atlassian.com/console/myapps/',
  },
  linear: {
    authorizeUrl: 'https://linear.app/oauth/authorize',
    tokenUrl: 'https://api.linear.app/oauth/token',
    revokeUrl: 'https://api.linear.app/oauth/revoke',
    clientAuthentication: 'client_secret_post',
    scopeDelimiter: ',',
    scopeParameter: 'scope',
    authorizeParameters: {},
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: [],
    consoleUrl: 'https://linear.app/settings/api/applications/new',
  },
  notion: {
    authorizeUrl: 'https://api.notion.com/v1/oauth/authorize',
    tokenUrl: 'https://api.notion.com/v1/oauth/token',
    revokeUrl: 'https://api.notion.com/v1/oauth/revoke',
    clientAuthentication: 'client_secret_basic',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: { owner: 'user' },
    tokenRequestFormat: 'json',
    pkce: false,
    defaultScopes: [],
    consoleUrl: 'https://www.notion.so/my-integrations',
  },
  dropbox: {
    authorizeUrl: 'https://www.dropbox.com/oauth2/authorize',
    tokenUrl: 'https://api.dropboxapi.com/oauth2/token',
    revokeUrl: undefined,
    clientAuthentication: 'client_secret_basic',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: { token_access_type: 'offline' },
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: [],
    consoleUrl: 'https://www.dropbox.com/developers/apps',
  },
  spotify: {
    authorizeUrl: 'https://accounts.spotify.com/authorize',
    tokenUrl: 'https://accounts.spotify.com/api/token',
    revokeUrl: undefined,
    clientAuthentication: 'client_secret_basic',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: {},
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: [],
    consoleUrl: 'https://developer.spotify.com/dashboard',
  },
  x: {
    authorizeUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    revokeUrl: 'https://api.x.com/2/oauth2/revoke',
    clientAuthentication: 'client_secret_basic',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: {},
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: ['offline_access'],
    consoleUrl: 'https://developer.x.com/en/portal/dashboard',
  },
  hubspot: {
    authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
    tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
    revokeUrl: undefined,
    clientAuthentication: 'client_secret_post',
    scopeDelimiter: ' ',
    scopeParameter: 'scope',
    authorizeParameters: {},
    tokenRequestFormat: 'form',
    pkce: true,
    defaultScopes: [],
    consoleUrl: 'https://developers.hubspot.com/',
  },
};
