export { demoProviderId, inboxToolkit } from './inbox-toolkit.js';
export { scriptedLanguageModel } from './scripted-language-model.js';
export {
  demoPrompt,
  type ScriptedConversation,
  type ScriptedStep,
  scriptedModelLabel,
  scriptedReply,
} from './scripted-reply.js';
export {
  type LocalStack,
  type StartLocalStackOptions,
  startLocalStack,
} from './start-local-stack.js';
