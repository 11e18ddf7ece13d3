// What the terminal chat examples share, whatever their framework
// (`@toolgrant/example-local-stack/terminal`): loading `.env`, the banner, the spinner, and the
// wait for a person's approval, and the `you › ` loop.
export {
  type ApprovalOutcome,
  type AwaitApprovalOptions,
  awaitApproval,
} from './await-approval.js';
export { type ExampleEnvironment, loadExampleEnvironment } from './load-example-environment.js';
export { type PrintBannerOptions, printBanner } from './print-banner.js';
export { promptText, type RunChatOptions, runChat } from './run-chat.js';
export { type Spinner, startSpinner } from './start-spinner.js';
export type { TerminalOutput } from './terminal-output.js';
