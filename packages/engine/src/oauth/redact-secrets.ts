/**
 * `text` with every occurrence of the given secrets replaced by `[redacted]`. Providers
 * sometimes echo parts of a request (a code, a token) in their error descriptions.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real codes, tokens and secrets are longer.
    if (secret !== undefined && secret.length >= 8)
      result = result.replaceAll(secret, '[redacted]');
  }
  return result;
}
