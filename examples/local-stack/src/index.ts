export { demoProviderId, inboxToolkit } from './inbox-toolkit.js';
// The scripted model's exports, also importable alone from `./scripted-model`.
export * from './scripted-model.js';
export {
  type LocalStack,
  type StartLocalStackOptions,
  startLocalStack,
} from './start-local-stack.js';
