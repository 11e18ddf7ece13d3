import {
  type ToolDefinition,
  type ToolInputStandardSchema,
  toStandardSchema,
  validateToolInput,
} from '@toolgrant/core';

// A tool's input schema for Mastra, which checks a model's arguments with it before `execute`
// runs: core's Standard Schema (its JSON Schema is what the model is offered), validating with
// core, so strict-mode nulls are removed and the model reads core's words for each bad field.
// Mastra writes each issue as `- <path>: <message>`, so the messages leave out the path that
// core's own Standard Schema puts in front of them; otherwise the model would read it twice.

/** Core's `toStandardSchema(definition)`, its issues worded for Mastra's list of bad fields. */
export function toMastraInputSchema(definition: ToolDefinition): ToolInputStandardSchema {
  const standard = toStandardSchema(definition)['~standard'];
  return {
    '~standard': {
      ...standard,
      validate(value) {
        const result = validateToolInput(definition, value);
        if (result.success) return { value: result.input };
        return {
          issues: result.issues.map(({ keys, message }) =>
            keys.length === 0 ? { message } : { message, path: keys },
          ),
        };
      },
    },
  };
}
