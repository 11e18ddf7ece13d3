import { MissingEnvironmentVariableError } from './missing-environment-variable-error.js';

export function requireEnvironmentVariable({
  variable,
  description,
}: {
  variable: string;
  /** What the value is and where to get it. */
  description: string;
}): string {
  const value = process.env[variable]?.trim();
  if (value === undefined || value === '') {
    throw new MissingEnvironmentVariableError({ variable, description });
  }
  return value;
}
