// Where the CLI writes: the process's streams in `main`, buffers in tests.
/** Where the CLI writes: the process's streams in `main`, buffers in tests. */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}
