import type { OAuth2ProviderInput } from './provider-config.js';
import type { ProviderPresetName } from './provider-preset-catalog.js';

// `providers: [github({ clientId, clientSecret })]`: a preset provider entry with the id set to
// the preset's name unless given. Any other setting overrides the preset's.

/** Options of a preset provider entry such as `github({ clientId, clientSecret })`. */
export type PresetProviderOptions = Omit<OAuth2ProviderInput, 'id' | 'type' | 'preset'> & {
  /** Default: the preset's name, e.g. "github". */
  id?: string;
};

function presetProvider(preset: ProviderPresetName) {
  return ({ id = preset, ...settings }: PresetProviderOptions): OAuth2ProviderInput => ({
    ...settings,
    id,
    type: 'oauth2',
    preset,
  });
}

/** A Google provider entry. */
export const google = presetProvider('google');
/** A GitHub provider entry. */
export const github = presetProvider('github');
/** A Slack provider entry (user scopes). */
export const slack = presetProvider('slack');
/** A Zoom provider entry. */
export const zoom = presetProvider('zoom');
/** An Atlassian provider entry. */
export const atlassian = presetProvider('atlassian');
/** A Linear provider entry. */
export const linear = presetProvider('linear');
/** A Notion provider entry. */
export const notion = presetProvider('notion');
/** A Dropbox provider entry. */
export const dropbox = presetProvider('dropbox');
/** A Spotify provider entry. */
export const spotify = presetProvider('spotify');
/** An X (Twitter) provider entry. */
export const x = presetProvider('x');
/** A HubSpot provider entry. */
export const hubspot = presetProvider('hubspot');

/**
 * Microsoft identity platform (v2.0 endpoints). `tenant` is `common` (work, school and personal
 * accounts) unless set to `organizations`, `consumers` or a tenant id or domain.
 */
export function microsoft({
  tenant = 'common',
  ...options
}: PresetProviderOptions & { tenant?: string }): OAuth2ProviderInput {
  const base = `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0`;
  return presetProvider('microsoft')({
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    ...options,
  });
}
