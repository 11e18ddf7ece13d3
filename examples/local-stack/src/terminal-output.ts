/** Where a terminal example writes: process.stdout, or a recorder in a test. */
export interface TerminalOutput {
  write(text: string): unknown;
  /** True in a terminal; the spinner animates only there. */
  isTTY?: boolean;
}
