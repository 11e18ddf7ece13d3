import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import {
  findIdentityValueProblem,
  identityValue,
  maxIdentityValueLength,
} from './identity-value.js';

describe('findIdentityValueProblem', () => {
  it.each([
    ['alice', undefined],
    ['user-a@example.com', undefined],
    ['Gmail.ListEmails@4.1.0', undefined],
    ['victim\uFFFD', undefined],
    ['名前 with spaces inside', undefined],
    ['emoji 😀 (a surrogate pair)', undefined],
    ['x'.repeat(maxIdentityValueLength), undefined],
    ['', 'is empty'],
    ['x'.repeat(maxIdentityValueLength + 1), 'is 257 characters long'],
    ['a\uD800', 'is not well-formed Unicode (it holds a lone UTF-16 surrogate)'],
    ['\uDFFFa', 'is not well-formed Unicode (it holds a lone UTF-16 surrogate)'],
    ['a\u0000b', 'contains a control character (U+0000)'],
    ['a\tb', 'contains a control character (U+0009)'],
    ['a\nb', 'contains a control character (U+000A)'],
    ['a\u007f', 'contains a control character (U+007F)'],
    ['a\u0085', 'contains a control character (U+0085)'],
    ['a\u009f', 'contains a control character (U+009F)'],
    [' alice', 'starts or ends with whitespace'],
    ['alice\u00a0', 'starts or ends with whitespace'],
    ['alice\u3000', 'starts or ends with whitespace'],
  ])('%j: %s', (value, problem) => {
    expect(findIdentityValueProblem(value)).toBe(problem);
  });

  it('checks the length first, whatever else is wrong', () => {
    expect(findIdentityValueProblem(`\u0000${'x'.repeat(4 * 1024 * 1024)}`)).toBe(
      `is ${4 * 1024 * 1024 + 1} characters long`,
    );
  });

  it('takes a longer limit for ids that encode others', () => {
    expect(findIdentityValueProblem('x'.repeat(4096), { maxLength: 4096 })).toBeUndefined();
    expect(findIdentityValueProblem('x'.repeat(4097), { maxLength: 4096 })).toBe(
      'is 4097 characters long',
    );
  });
});

describe('identityValue', () => {
  const schema = z.object({
    user_id: identityValue({ field: 'user_id', noun: 'user ids', description: 'the end user' }),
  });

  it('takes a good id exactly as sent', () => {
    expect(schema.parse({ user_id: 'Alice' })).toEqual({ user_id: 'Alice' });
  });

  it('says what is missing, and what is wrong without repeating the value', () => {
    expect(schema.safeParse({}).error?.issues[0]?.message).toBe(
      'user_id is required: the end user',
    );
    const issue = schema.safeParse({ user_id: 'a\u0000b' }).error?.issues[0];
    expect(issue).toMatchObject({
      path: ['user_id'],
      params: { followsFieldName: true },
      message:
        'contains a control character (U+0000); user ids must be printable text of 1 to 256 characters, without control characters or surrounding whitespace',
    });
  });
});
