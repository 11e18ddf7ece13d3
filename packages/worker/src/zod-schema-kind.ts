import type { z } from 'zod/v4';

// The one place the worker reads Zod's internals. `z.toJSONSchema` (public) gives everything a
// value schema needs but the kind of schema behind a JSON Schema node, which it drops: a
// z.date(), z.any() and z.bigint() all become `{}`, a z.lazy() becomes what it returns, a
// .transform() after a pipe disappears in input mode, and an intersection of objects may come
// out merged into one object. Refusing those at definition time, naming what was written, needs
// the kind; `zod-schema-kind.test.ts` fails if Zod renames or moves it.

/**
 * The kind of a Zod 4 schema: `string`, `object`, `date`, `lazy`, ... as Zod names it, and
 * `transform` for a pipe that converts the value (.transform(), z.preprocess(), z.codec(),
 * z.stringbool()).
 */
export function zodSchemaKind(schema: z.core.$ZodType): string {
  const def = schema._zod.def as {
    type: string;
    in?: z.core.$ZodType;
    out?: z.core.$ZodType;
    transform?: unknown;
  };
  if (def.type === 'pipe') {
    const transforms =
      typeof def.transform === 'function' ||
      def.in?._zod.def.type === 'transform' ||
      def.out?._zod.def.type === 'transform';
    if (transforms) return 'transform';
  }
  return def.type;
}
