// A secret as it may appear when something echoes it: raw, percent-encoded (encodeURIComponent,
// forms with + for space, lower-case hex), JSON-escaped, and base64 (alone, and as HTTP Basic
// credentials `client_id:secret`, raw or form-encoded as RFC 6749 §2.3.1 asks).

function formEncode(value: string): string {
  return new URLSearchParams({ value }).toString().slice('value='.length);
}

export function encodingsOf(secret: string, { clientId }: { clientId?: string } = {}): string[] {
  const textual = [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).toLowerCase(),
    formEncode(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
  const base64Sources = [
    secret,
    ...(clientId === undefined
      ? []
      : [`${clientId}:${secret}`, `${formEncode(clientId)}:${formEncode(secret)}`]),
  ];
  const base64 = base64Sources.flatMap((source) => {
    const standard = Buffer.from(source).toString('base64');
    return [standard, standard.replace(/=+$/, ''), Buffer.from(source).toString('base64url')];
  });
  return [...new Set([...textual, ...base64])];
}

/** Where any encoding of any secret occurs, as `where (secret's label, encoding): excerpt`. */
export function findLeaks({
  secrets,
  haystacks,
}: {
  secrets: readonly { label: string; value: string; clientId?: string }[];
  haystacks: Record<string, readonly string[]>;
}): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const encoded of encodingsOf(secret.value, { clientId: secret.clientId })) {
      for (const [where, texts] of Object.entries(haystacks)) {
        const found = texts.find((text) => text.includes(encoded));
        if (found === undefined) continue;
        const at = found.indexOf(encoded);
        leaks.push(
          `${where} (${secret.label} as ${encoded}): …${found.slice(Math.max(0, at - 80), at + 80)}…`,
        );
      }
    }
  }
  return leaks;
}
