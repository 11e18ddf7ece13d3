export {
  type EngineRequest,
  type InboxEngine,
  startInboxEngine,
  testkitClientSecret,
  testkitProviderId,
} from './start-inbox-engine.js';
