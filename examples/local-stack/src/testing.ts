// What the terminal examples' tests share (`@toolgrant/example-local-stack/testing`): the
// example started as a person starts it.
export { type ChatProcess, startChatProcess } from './start-chat-process.js';
