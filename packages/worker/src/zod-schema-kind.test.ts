import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { zodSchemaKind } from './zod-schema-kind.js';

// Fails loudly when Zod renames a kind or moves where it keeps it: to-value-schema.ts relies on
// exactly these names.

describe('zodSchemaKind', () => {
  it.each([
    ['string', z.string()],
    ['string', z.email()],
    ['template_literal', z.templateLiteral(['a', z.string()])],
    ['number', z.number()],
    ['number', z.int()],
    ['boolean', z.boolean()],
    ['enum', z.enum(['a', 'b'])],
    ['literal', z.literal('a')],
    ['null', z.null()],
    ['object', z.object({})],
    ['record', z.record(z.string(), z.string())],
    ['array', z.array(z.string())],
    ['union', z.union([z.string(), z.number()])],
    ['union', z.discriminatedUnion('k', [z.object({ k: z.literal('a') })])],
    ['intersection', z.intersection(z.object({}), z.object({}))],
    ['tuple', z.tuple([z.string()])],
    ['optional', z.string().optional()],
    ['nullable', z.string().nullable()],
    ['default', z.string().default('a')],
    ['prefault', z.string().prefault('a')],
    ['catch', z.string().catch('a')],
    ['nonoptional', z.string().optional().nonoptional()],
    ['readonly', z.string().readonly()],
    ['pipe', z.string().pipe(z.email())],
    ['transform', z.string().transform(Number)],
    ['transform', z.preprocess((value) => value, z.string())],
    ['transform', z.stringbool()],
    ['lazy', z.lazy(() => z.string())],
    ['date', z.date()],
    ['bigint', z.bigint()],
    ['any', z.any()],
    ['unknown', z.unknown()],
    ['symbol', z.symbol()],
    ['map', z.map(z.string(), z.string())],
  ])('is %s for %o', (kind, schema) => {
    expect(zodSchemaKind(schema)).toBe(kind);
  });
});
