import { engineClient } from '@/lib/engine-client';

// The authorization card's long-poll: the engine holds the request until the user has
// approved (or the wait ends), so the page learns of the consent the moment it lands.

const waitSeconds = 25;

export const maxDuration = 30;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const { status } = await engineClient().auth.status({ id, wait: waitSeconds });
    return Response.json({ id, status });
  } catch (error) {
    console.error(
      `Could not read authorization ${id}:`,
      error instanceof Error ? error.message : error,
    );
    return Response.json(
      { error: 'The engine could not be asked about this authorization. Is it running?' },
      { status: 502 },
    );
  }
}
