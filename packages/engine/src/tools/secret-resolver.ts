// The boundary between the HTTP API and the engine's secrets (values encrypted in the store).
// Values go only into the execute context of a tool that declared the key; the API lists
// keys, never values.

/** A secret as listed: its key and when it was set, never its value. */
export interface SecretSummary {
  key: string;
  /** The user it belongs to; undefined for an engine-wide secret. */
  userId: string | undefined;
  updatedAt: Date;
  description?: string | undefined;
}

/** Resolves the secrets a tool declared, and manages secrets for the admin API. */
export interface SecretResolver {
  /**
   * Values for `keys`, as seen by `userId`: the user's own value if set, else the engine-wide
   * one. Missing keys are left out or undefined.
   */
  getSecrets(options: {
    keys: readonly string[];
    userId: string | undefined;
  }): Promise<Readonly<Record<string, string | undefined>>>;

  /** Keys (engine-wide, plus the user's when `userId` is given), for `requirements.secrets[].met`. */
  listSecrets(filter: { userId?: string | undefined }): Promise<SecretSummary[]>;

  setSecret(options: {
    key: string;
    value: string;
    description?: string | undefined;
    userId?: string | undefined;
  }): Promise<SecretSummary>;

  /** False when there was no such secret. */
  deleteSecret(options: { key: string; userId?: string | undefined }): Promise<boolean>;
}
