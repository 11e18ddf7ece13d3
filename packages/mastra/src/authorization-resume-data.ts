import { z } from './zod.js';

// What the app resumes a suspended Toolgrant tool with. `{}` once the user has approved; the tool
// then waits for the engine to confirm the authorization before it runs.

/** The schema of what the app resumes a suspended Toolgrant tool with. */
export const authorizationResumeDataSchema = z.object({
  /** The user refused: the tool does not run and the model is told so. */
  declined: z.boolean().optional(),
});

/**
 * What the app resumes a suspended Toolgrant tool with: `{}` once approved, `{ declined: true }` if refused.
 */
export type AuthorizationResumeData = z.infer<typeof authorizationResumeDataSchema>;
