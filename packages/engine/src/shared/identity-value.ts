import { z } from './zod.js';

// The one rule for every id the API takes (user ids, tool names, flow and authorization ids,
// worker, provider and connection ids): ids are store keys, parts of encryption contexts and
// text in messages, so they are taken exactly as sent, or refused with a 400 naming the field.
// - Well-formed Unicode: the databases store a lone UTF-16 surrogate as U+FFFD, which would
//   make two ids one.
// - No control characters (C0, DEL, C1): PostgreSQL refuses NUL, and logs and pages show
//   the rest wrongly.
// - No whitespace at either end: ' alice' and 'alice' are different users, so neither is
//   quietly trimmed into the other.
// - At most `maxIdentityValueLength` UTF-16 code units (JavaScript's `length`), checked first,
//   so an absurd value costs nothing more to refuse.
// A message describes the value (its length, the offending code point), never repeats it.

/** The longest id the API takes, in UTF-16 code units. */
export const maxIdentityValueLength = 256;

/**
 * Authorization ids of authorizations `completed` at once carry the user, provider and scopes,
 * and connection ids the user and provider, so they may be longer.
 */
export const maxEncodedIdLength = 4096;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;
const loneSurrogate = /\p{Cs}/u;
const surroundingWhitespace = /^\s|\s$/;

/**
 * What is wrong with `value` as an id, worded to follow the field's name ("is empty"), or
 * undefined when it is a good id.
 */
export function findIdentityValueProblem(
  value: string,
  { maxLength = maxIdentityValueLength }: { maxLength?: number } = {},
): string | undefined {
  if (value.length === 0) return 'is empty';
  if (value.length > maxLength) return `is ${value.length} characters long`;
  if (loneSurrogate.test(value)) {
    return 'is not well-formed Unicode (it holds a lone UTF-16 surrogate)';
  }
  const control = controlCharacter.exec(value)?.[0];
  if (control !== undefined) return `contains a control character (${codePointName(control)})`;
  if (surroundingWhitespace.test(value)) return 'starts or ends with whitespace';
  return undefined;
}

/**
 * The Zod schema of the id field `field`. `noun` names the kind of id in messages ("user
 * ids"); `description` says what to send when it is missing.
 */
export function identityValue({
  field,
  noun,
  description,
  maxLength = maxIdentityValueLength,
}: {
  field: string;
  noun: string;
  description: string;
  maxLength?: number;
}) {
  return z
    .string({ error: `${field} is required: ${description}` })
    .superRefine((value, context) => {
      const problem = findIdentityValueProblem(value, { maxLength });
      if (problem !== undefined) {
        context.addIssue({
          code: 'custom',
          // Worded to follow the field's name: validateRequest writes "'user_id' is empty; ...".
          params: { followsFieldName: true },
          message: `${problem}; ${noun} must be printable text of 1 to ${maxLength} characters, without control characters or surrounding whitespace`,
        });
      }
    });
}

function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
