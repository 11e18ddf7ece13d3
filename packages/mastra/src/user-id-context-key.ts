/**
 * The request-context key a tool reads the end user's id from when none was bound at creation:
 * `requestContext.set(userIdContextKey, 'user-42')`.
 */
export const userIdContextKey = 'userId';
