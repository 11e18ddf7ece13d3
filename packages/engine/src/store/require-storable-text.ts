import type { SqlValue } from './sql-database.js';
import { UnstorableTextError } from './unstorable-text-error.js';

// What goes into a query comes back byte for byte, on SQLite and PostgreSQL alike: otherwise a
// row saved under one id could be read under another, while its ciphertext is bound to the
// first (see `UnstorableTextError`). Both databases check every parameter here.

const loneSurrogate = /\p{Cs}/u;

/** Refuses text parameters that would not come back byte for byte from both databases. */
export function requireStorableText(parameters: readonly SqlValue[]): void {
  for (const parameter of parameters) {
    if (typeof parameter !== 'string') continue;
    if (loneSurrogate.test(parameter)) {
      throw new UnstorableTextError({ problem: 'holds a lone UTF-16 surrogate' });
    }
    if (parameter.includes('\u0000')) {
      throw new UnstorableTextError({ problem: 'contains NUL (U+0000)' });
    }
  }
}
