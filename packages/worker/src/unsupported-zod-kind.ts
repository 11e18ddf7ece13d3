// What a tool definition says about a Zod kind a value schema cannot describe: the problem, in
// words, and what to write instead. Read by to-value-schema.ts when it refuses a field.

/** The problem with a Zod kind a tool definition cannot describe, and what to use instead. */
export function unsupportedZodKind(kind: string): { problem: string; instead: string } {
  const known = Object.hasOwn(insteadOf, kind) ? insteadOf[kind] : undefined;
  return (
    known ?? {
      problem: `it is a ${kind} schema`,
      instead:
        'Use z.string(), z.number(), z.int(), z.boolean(), z.enum([...]), z.object({...}), z.record(z.string(), ...) or z.array(...).',
    }
  );
}

const insteadOf: Record<string, { problem: string; instead: string }> = {
  union: {
    problem: 'it is a union',
    instead:
      'Use z.enum([...]) for a choice of strings, or one z.object({...}) with optional fields for the alternatives.',
  },
  intersection: {
    problem: 'it is an intersection',
    instead:
      'Combine the objects into one with .extend({...}) or z.object({ ...a.shape, ...b.shape }).',
  },
  tuple: {
    problem: 'it is a tuple',
    instead: 'Use z.array(...) of one item type, or a z.object({...}) with named fields.',
  },
  date: {
    problem: 'it is a z.date()',
    instead: 'Use z.iso.datetime() or z.iso.date() (an ISO string) and parse it inside execute().',
  },
  bigint: {
    problem: 'it is a z.bigint()',
    instead: 'Use z.int() if the values fit in a JavaScript number, or z.string() and parse it.',
  },
  lazy: {
    problem: 'it is a recursive z.lazy() schema',
    instead:
      'Describe a fixed depth of nesting, or use z.record(z.string(), z.unknown()) for free-form JSON.',
  },
  any: {
    problem: 'it is z.any()',
    instead: 'Give it a type; use z.record(z.string(), z.unknown()) for a free-form JSON object.',
  },
  transform: {
    problem: 'it uses a transform (.transform(), z.preprocess(), z.codec() or z.stringbool())',
    instead:
      'Declare the plain type the model sends (z.string(), z.boolean(), z.coerce.number(), ...) and convert the value inside execute().',
  },
  unknown: {
    problem: 'it is z.unknown()',
    instead: 'Give it a type; use z.record(z.string(), z.unknown()) for a free-form JSON object.',
  },
};
