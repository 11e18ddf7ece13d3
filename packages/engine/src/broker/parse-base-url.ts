import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';

/** The engine's public URL, checked, without a trailing slash. */
export function parseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidEngineOptionsError({
      option: 'baseUrl',
      message: `baseUrl '${baseUrl}' is not an absolute URL; set it to the engine's public URL, for example http://127.0.0.1:4100.`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidEngineOptionsError({
      option: 'baseUrl',
      message: `baseUrl must be an http or https URL, got a ${url.protocol} URL; set it to the engine's public URL.`,
    });
  }
  return url.href.replace(/\/+$/, '');
}
