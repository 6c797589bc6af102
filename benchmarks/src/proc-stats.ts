/** CPU time and peak memory of another process, from Linux's /proc (null elsewhere or once it is gone). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime/stime; 100 on every Linux this runs on, asked once anyway. */
let clockTicksPerSecond: number | undefined;

function ticksPerSecond(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/**
 * utime + stime in seconds from the text of /proc/PID/stat. The command name (field 2) may hold spaces
 * and parentheses, so fields are counted from the last ')'.
 */
export function parseProcStatCpuTicks(statText: string): number {
  const rest = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return Number.NaN;
  return utime + stime;
}

/** VmHWM (peak resident set) in bytes from the text of /proc/PID/status. */
export function parseVmHwmBytes(statusText: string): number {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(statusText);
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

export function cpuSeconds(pid: number): number | null {
  try {
    const ticks = parseProcStatCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return Number.isFinite(ticks) ? ticks / ticksPerSecond() : null;
  } catch {
    return null;
  }
}

export function peakRssBytes(pid: number): number | null {
  try {
    const bytes = parseVmHwmBytes(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number.isFinite(bytes) ? bytes : null;
  } catch {
    return null;
  }
}

/** CPU seconds of each process now; the difference of two samples is the CPU used between them. */
export function sampleCpu(pids: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, pid] of pids) {
    const s = cpuSeconds(pid);
    if (s !== null) out.set(id, s);
  }
  return out;
}

export function cpuDelta(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, s] of after) {
    const b = before.get(id);
    if (b !== undefined) out[id] = Math.round((s - b) * 1000) / 1000;
  }
  return out;
}
