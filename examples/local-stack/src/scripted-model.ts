// The scripted demo model alone, without the engine and provider: what a browser bundle or a
// Next.js route imports (`@toolgrant/example-local-stack/scripted-model`).
export { scriptedLanguageModel } from './scripted-language-model.js';
export {
  demoMcpPrompt,
  demoPrompt,
  type ScriptedConversation,
  type ScriptedStep,
  scriptedModelLabel,
  scriptedReply,
} from './scripted-reply.js';
