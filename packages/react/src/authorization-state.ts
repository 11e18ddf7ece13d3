/**
 * Where an authorization stands for the person: not opened yet, waiting for their consent at
 * the provider, completed, or failed (denied, expired, cancelled, or the server unreachable).
 */
export type AuthorizationState = 'idle' | 'waiting' | 'completed' | 'failed';
