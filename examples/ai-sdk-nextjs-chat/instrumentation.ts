// Next.js runs `register` once as the server starts: a wrong CHAT_MCP_* variable stops the chat
// here, with words saying which one, rather than failing the first message.

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { readChatMcpConfig } = await import('./lib/chat-mcp-config');
  readChatMcpConfig();
}
