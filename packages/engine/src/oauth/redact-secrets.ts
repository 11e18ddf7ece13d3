// Providers echo parts of a request in their errors: a code, a refresh token, the form body
// with the client secret, the Authorization header. So a secret is looked for in every
// encoding it travels in: raw, percent-encoded (encodeURIComponent, forms with `+` for space,
// either hex case, encoded twice, or any mix), JSON-escaped, and base64 (standard or URL
// alphabet, at any offset, so also inside HTTP Basic's base64 of `client_id:client_secret`).

const redacted = '[redacted]';
/** Very short values would redact ordinary words; real codes, tokens and secrets are longer. */
const minimumSecretLength = 8;

/** `text` with every occurrence of the given secrets, in any encoding, replaced by `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < minimumSecretLength) continue;
    result = result.replace(textualPattern(secret), redacted);
    for (const encoded of base64Forms(secret)) result = result.replaceAll(encoded, redacted);
  }
  return result;
}

/** Matches the secret with each character raw, percent-encoded, `+` for space or JSON-escaped. */
function textualPattern(secret: string): RegExp {
  const characters = [...secret].map((character) => {
    const alternatives = [escapeRegExp(character)];
    const percent = [...Buffer.from(character, 'utf8')]
      .map((byte) => `%(?:25)?${hexPattern(byte, 2)}`)
      .join('');
    alternatives.push(percent);
    if (character === ' ') alternatives.push('\\+');
    const jsonEscapes: Record<string, string> = { '"': '\\\\"', '\\': '\\\\\\\\', '/': '\\\\/' };
    const jsonEscape = jsonEscapes[character];
    if (jsonEscape !== undefined) alternatives.push(jsonEscape);
    // \uXXXX per UTF-16 unit: a character outside the BMP is two of them in a row.
    alternatives.push(
      Array.from({ length: character.length }, (_, index) => character.charCodeAt(index))
        .map((code) => `\\\\u${hexPattern(code, 4)}`)
        .join(''),
    );
    return `(?:${alternatives.join('|')})`;
  });
  return new RegExp(characters.join(''), 'g');
}

function hexPattern(value: number, digits: number): string {
  return [...value.toString(16).padStart(digits, '0')]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The part of the base64 of `prefix + secret` that depends only on the secret, for each of
 * the three byte offsets, of the secret as it is and form-encoded (as in HTTP Basic, RFC 6749
 * §2.3.1), in both alphabets.
 */
function base64Forms(secret: string): string[] {
  const forms = new Set<string>();
  const textual = new Set([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
  ]);
  for (const value of textual) {
    const bytes = Buffer.from(value, 'utf8');
    for (let offset = 0; offset < 3; offset += 1) {
      const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
        .toString('base64')
        .replace(/=+$/, '');
      // Characters that also carry bits of the unknown bytes before or after are cut off.
      const skip = offset === 0 ? 0 : offset + 1;
      const totalBits = (offset + bytes.length) * 8;
      const end = Math.floor(totalBits / 6);
      const core = encoded.slice(skip, end);
      if (core.length < minimumSecretLength) continue;
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}
