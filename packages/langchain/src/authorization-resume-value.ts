// What the app resumes an authorization interrupt with: `new Command({ resume: {} })` once the
// user has approved (the tool then waits for the engine to confirm, and runs), or
// `{ declined: true }` when they refused (the tool does not run and the model is told so).
/**
 * What the app resumes an authorization interrupt with: `{}` once approved, `{ declined: true }` if refused.
 */
export interface AuthorizationResumeValue {
  declined?: boolean;
}

/** Whether the app resumed an authorization interrupt with `{ declined: true }`. */
export function isDeclined(resume: unknown): boolean {
  return (
    typeof resume === 'object' &&
    resume !== null &&
    (resume as AuthorizationResumeValue).declined === true
  );
}
