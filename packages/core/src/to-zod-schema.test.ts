import { describe, expect, it } from 'vitest';
import { measure, sendEmail, storeDocument } from '../test/hand-written-definitions.js';
import { loadArcadeCatalog } from '../test/load-arcade-catalog.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import { toZodSchema } from './to-zod-schema.js';
import type { ToolDefinition } from './tool-definition.js';
import { z } from './zod.js';

function accepts(definition: ToolDefinition, input: unknown): boolean {
  return toZodSchema(definition).safeParse(input).success;
}

describe('toZodSchema', () => {
  it('gives every parameter its description', () => {
    const shape = toZodSchema(sendEmail).shape;
    expect(shape.subject?.description).toBe('Subject line');
    expect(shape.labels?.description).toBe('Labels to apply');
    expect(z.toJSONSchema(toZodSchema(sendEmail)).properties?.schedule).toMatchObject({
      description: 'When to send',
    });
  });

  it('makes string enums z.enum, on array items too', () => {
    const shape = toZodSchema(sendEmail).shape;
    const labels = (shape.labels as z.ZodOptional<z.ZodArray<z.ZodEnum>>).unwrap();
    expect(labels.element.options).toEqual(['INBOX', 'SENT', 'IMPORTANT']);
    expect(accepts(sendEmail, { subject: 's', recipients: [], labels: ['SENT'] })).toBe(true);
    expect(accepts(sendEmail, { subject: 's', recipients: [], labels: ['SPAM'] })).toBe(false);
  });

  it('tells integers from numbers', () => {
    expect(accepts(measure, { count: 3, ratio: 0.5 })).toBe(true);
    expect(accepts(measure, { count: 3.5, ratio: 0.5 })).toBe(false);
    expect(accepts(measure, { count: 3, ratio: '0.5' })).toBe(false);
    expect(accepts(measure, { count: 3, ratio: 1, ids: [1, 2.5] })).toBe(false);
    expect(accepts(measure, { count: 3, ratio: 1, weights: [1, 2.5] })).toBe(true);
  });

  it('builds nested objects with their own required keys, closed to unknown keys', () => {
    const base = { subject: 's', recipients: [] };
    expect(accepts(sendEmail, { ...base, schedule: { at: 'now' } })).toBe(true);
    expect(accepts(sendEmail, { ...base, schedule: { timezone: 'UTC' } })).toBe(false);
    expect(accepts(sendEmail, { ...base, schedule: { at: 'now', window: { minutes: 5 } } })).toBe(
      true,
    );
    expect(accepts(sendEmail, { ...base, schedule: { at: 'now', window: { jitter: 1 } } })).toBe(
      false,
    );
    expect(accepts(sendEmail, { ...base, schedule: { at: 'now', extra: 1 } })).toBe(false);
  });

  it('makes an array with inner_properties an array of such objects', () => {
    const base = { subject: 's' };
    expect(accepts(sendEmail, { ...base, recipients: [{ address: 'a@b.c', kind: 'cc' }] })).toBe(
      true,
    );
    expect(accepts(sendEmail, { ...base, recipients: [{ kind: 'cc' }] })).toBe(false);
    expect(accepts(sendEmail, { ...base, recipients: [{ address: 'a', kind: 'x' }] })).toBe(false);
    expect(accepts(sendEmail, { ...base, recipients: ['a@b.c'] })).toBe(false);
  });

  it('makes json without properties a JSON object, not any', () => {
    expect(accepts(storeDocument, { document: { any: ['thing'] } })).toBe(true);
    expect(accepts(storeDocument, { document: 'text' })).toBe(false);
    expect(accepts(storeDocument, { document: [1] })).toBe(false);
    expect(accepts(storeDocument, { document: null })).toBe(false);
    expect(accepts(storeDocument, { document: {}, metadata: { open: true } })).toBe(true);
    expect(accepts(storeDocument, { document: {}, rows: [{ a: 1 }, {}] })).toBe(true);
    expect(accepts(storeDocument, { document: {}, rows: [1] })).toBe(false);
  });

  it('makes optional parameters optional and rejects unknown ones', () => {
    expect(accepts(measure, { count: 1, ratio: 1 })).toBe(true);
    expect(accepts(measure, { count: 1 })).toBe(false);
    expect(accepts(measure, { count: 1, ratio: 1, colour: 'red' })).toBe(false);
  });

  it('caches per definition object', () => {
    const [first] = loadArcadeCatalog();
    const definition = parseToolDefinition(first);
    expect(toZodSchema(definition)).toBe(toZodSchema(definition));
    expect(toZodSchema(parseToolDefinition(first))).not.toBe(toZodSchema(definition));
  });

  it('converts every catalog definition', () => {
    for (const item of loadArcadeCatalog()) {
      const definition = parseToolDefinition(item);
      const keys = Object.keys(toZodSchema(definition).shape);
      expect(keys).toEqual(definition.input.parameters.map(({ name }) => name));
    }
  });
});
