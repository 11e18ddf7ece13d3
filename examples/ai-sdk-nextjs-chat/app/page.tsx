import { demoPrompt } from '@toolgrant/example-local-stack/scripted-model';
import { Chat } from '@/components/chat';
import { chooseModel } from '@/lib/choose-model';

// Rendered per request: the model label follows the environment the server runs with.
export const dynamic = 'force-dynamic';

export default function Page() {
  const { label, scripted } = chooseModel();
  return <Chat modelLabel={label} scripted={scripted} prompt={demoPrompt} />;
}
