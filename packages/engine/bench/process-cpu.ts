import { readFileSync } from 'node:fs';

// The CPU time a process has used so far (user + system, all its threads), read from Linux's
// /proc/<pid>/stat; undefined elsewhere. Clock ticks are 1/100 s on Linux, so this is precise to
// 10 ms: read it around rounds of seconds, not around single calls.

const ticksPerSecond = 100;

/** CPU time used by process `pid`, in microseconds; undefined where /proc is not there. */
export function processCpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is the
    // 14th field and stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1_000_000) / ticksPerSecond : undefined;
  } catch {
    return undefined;
  }
}
