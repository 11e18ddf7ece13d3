/** Where the chat writes: process.stdout, or a stream a test reads. */
export interface TerminalOutput {
  write(text: string): unknown;
  /** True in a terminal; the spinner animates only there. */
  isTTY?: boolean;
}
