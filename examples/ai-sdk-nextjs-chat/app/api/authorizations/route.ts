import { fromToolName } from '@toolgrant/core';
import { engineClient } from '@/lib/engine-client';
import { currentUserId } from '@/lib/user-id';

// "Try again" on a failed authorization: a new authorization for the same tool and user,
// with a new link (a failed one cannot be completed).

export async function POST(request: Request) {
  const { toolName } = (await request.json()) as { toolName?: unknown };
  if (typeof toolName !== 'string' || toolName === '') {
    return Response.json({ error: 'Send { toolName }: the tool to authorize.' }, { status: 400 });
  }
  const authorization = await engineClient().tools.authorize({
    tool_name: fromToolName(toolName),
    user_id: await currentUserId(),
  });
  return Response.json({
    id: authorization.id,
    url: authorization.url,
    status: authorization.status,
  });
}
