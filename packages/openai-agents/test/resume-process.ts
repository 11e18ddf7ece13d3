import Arcade from '@arcadeai/arcadejs';
import { Agent, Runner, RunState } from '@openai/agents';
import { createOpenAIAgentsTools } from '../src/index.js';
import { type ModelTurn, scriptedModel } from './scripted-model.js';

// A fresh process that picks up a run another process serialized: it reads the engine's
// address, the serialized RunState and the model's remaining turns from stdin, builds the same
// agent anew, restores the state, approves its interruptions and runs on. It prints the final
// output and what the model received as JSON.

interface ResumeRequest {
  engineUrl: string;
  apiKey: string;
  userId: string;
  state: string;
  turns: ModelTurn[];
}

let text = '';
for await (const chunk of process.stdin) text += chunk;
const { engineUrl, apiKey, userId, state, turns } = JSON.parse(text) as ResumeRequest;

const client = new Arcade({ apiKey, baseURL: engineUrl, maxRetries: 0 });
const tools = await createOpenAIAgentsTools({
  client,
  userId,
  toolkits: ['Inbox', 'Utility', 'Greeter'],
});
const { model, requests } = scriptedModel(turns);
const agent = new Agent({
  name: 'Inbox agent',
  instructions: 'You read the user their inbox.',
  model,
  tools,
});

const restored = await RunState.fromString(agent, state);
for (const interruption of restored.getInterruptions()) restored.approve(interruption);
const result = await new Runner({ tracingDisabled: true }).run(agent, restored);
process.stdout.write(JSON.stringify({ finalOutput: result.finalOutput, requests }));
