import type { OAuth2ProviderInput } from './provider-config.js';
import type { ProviderPresetName } from './provider-preset-catalog.js';

// `providers: [github({ clientId, clientSecret })]`: a preset provider entry with the id set to
// the preset's name unless given. Any other setting overrides the preset's.

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

export const google = presetProvider('google');
export const github = presetProvider('github');
export const slack = presetProvider('slack');
export const zoom = presetProvider('zoom');
export const atlassian = presetProvider('atlassian');
export const linear = presetProvider('linear');
export const notion = presetProvider('notion');
export const dropbox = presetProvider('dropbox');
export const spotify = presetProvider('spotify');
export const x = presetProvider('x');
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
