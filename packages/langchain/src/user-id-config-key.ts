/**
 * The `config.configurable` key a tool reads the end user's id from when none was bound at
 * creation: `agent.invoke(input, { configurable: { user_id: 'user-42', thread_id } })`.
 */
export const userIdConfigKey = 'user_id';
