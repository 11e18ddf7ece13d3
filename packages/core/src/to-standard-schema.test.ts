import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { measure, sendEmail } from '../test/hand-written-definitions.js';
import { toJsonSchema } from './to-json-schema.js';
import { toStandardSchema } from './to-standard-schema.js';
import { validateToolInput } from './validate-tool-input.js';

describe('toStandardSchema: validate', () => {
  it('is a Standard Schema V1 of vendor toolgrant, cached per definition', () => {
    const schema = toStandardSchema(measure);
    expect(schema['~standard'].version).toBe(1);
    expect(schema['~standard'].vendor).toBe('toolgrant');
    expect(toStandardSchema(measure)).toBe(schema);
  });

  it('returns the arguments as the value when they are valid', () => {
    expect(toStandardSchema(measure)['~standard'].validate({ count: 2, ratio: 0.5 })).toEqual({
      value: { count: 2, ratio: 0.5 },
    });
  });

  it('removes the nulls a strict-mode model sends for optional arguments, also nested ones', () => {
    const result = toStandardSchema(sendEmail)['~standard'].validate({
      subject: 'Hi',
      recipients: [{ address: 'a@b.c', kind: null, priority: null }],
      labels: null,
      schedule: { at: 'now', timezone: null, window: null },
      headers: null,
    });
    expect(result).toEqual({
      value: { subject: 'Hi', recipients: [{ address: 'a@b.c' }], schedule: { at: 'now' } },
    });
  });

  it("reports each bad field in core's words, with its path as keys", () => {
    const input = {
      subject: 42,
      recipients: [{ address: 'a@b.c' }, { kind: 'to', name: 'Ann' }],
      labels: ['SPAM'],
      extra: true,
    };
    const result = toStandardSchema(sendEmail)['~standard'].validate(input);
    expect(result).toEqual({
      issues: [
        { message: 'subject: expected a string, received 42', path: ['subject'] },
        {
          message: 'recipients[1].address: missing (expected a string)',
          path: ['recipients', 1, 'address'],
        },
        {
          message: 'recipients[1].name: unknown key (the keys are address, kind, priority)',
          path: ['recipients', 1, 'name'],
        },
        {
          message: 'labels[0]: expected one of "INBOX", "SENT", "IMPORTANT", received "SPAM"',
          path: ['labels', 0],
        },
        {
          message:
            'extra: unknown argument (this tool takes subject, recipients, labels, schedule, headers)',
          path: ['extra'],
        },
      ],
    });
    // The same words as validateToolInput's message, field by field.
    const validation = validateToolInput(sendEmail, input);
    const messages = result.issues?.map(({ message }) => message) ?? [];
    expect(validation.success ? '' : validation.message).toBe(
      `Invalid arguments for Handmade.SendEmail: ${messages.join('; ')}`,
    );
  });

  it('reports a value that is not an object without a path', () => {
    expect(toStandardSchema(measure)['~standard'].validate('count=2')).toEqual({
      issues: [{ message: 'expected an object of named arguments, received "count=2"' }],
    });
  });
});

describe('toStandardSchema: jsonSchema', () => {
  it("is toJsonSchema's json-schema without the tool's description, and without $schema for draft-07", () => {
    const { jsonSchema } = toStandardSchema(measure)['~standard'];
    const { description, ...expected } = toJsonSchema(measure, 'json-schema');
    expect(description).toBe('Measure (hand-written)');
    expect(jsonSchema.input({ target: 'draft-2020-12' })).toEqual(expected);
    expect(jsonSchema.output({ target: 'draft-2020-12' })).toEqual(expected);
    const { $schema, ...withoutVersion } = expected;
    expect(jsonSchema.input({ target: 'draft-07' })).toEqual(withoutVersion);
    expect(jsonSchema.output({ target: 'draft-07' })).toEqual(withoutVersion);
  });

  it('spells out open objects as additionalProperties: {}, so that a framework closing objects leaves them open', () => {
    const schema = toStandardSchema(sendEmail)['~standard'].jsonSchema.input({
      target: 'draft-07',
    });
    const { $schema, description, properties, ...rest } = toJsonSchema(sendEmail, 'json-schema');
    expect(schema).toEqual({
      ...rest,
      properties: {
        ...properties,
        headers: { type: 'object', description: 'Extra headers', additionalProperties: {} },
      },
    });
    const ajv = new Ajv({ strict: true });
    const check = ajv.compile(schema);
    expect(check({ subject: 'Hi', recipients: [], headers: { 'X-Any': '1' } })).toBe(true);
    expect(check({ subject: 'Hi', recipients: [], unknown: 1 })).toBe(false);
  });

  it('returns a new object on every call, since callers change it in place', () => {
    const { jsonSchema } = toStandardSchema(sendEmail)['~standard'];
    const first = jsonSchema.input({ target: 'draft-07' });
    const subject = (first.properties as Record<string, { type: string }>).subject;
    if (subject) subject.type = 'number';
    first.additionalProperties = true;
    const second = jsonSchema.input({ target: 'draft-07' });
    expect(second.additionalProperties).toBe(false);
    expect((second.properties as Record<string, { type: string }>).subject?.type).toBe('string');
  });

  it('names the targets it supports when asked for another', () => {
    expect(() =>
      toStandardSchema(measure)['~standard'].jsonSchema.input({ target: 'openapi-3.0' }),
    ).toThrow(
      `Unsupported JSON Schema target "openapi-3.0" for Handmade.Measure; use 'draft-2020-12' or 'draft-07'.`,
    );
  });
});
