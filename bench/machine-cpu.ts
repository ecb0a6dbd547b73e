import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * CPU used by the WHOLE machine (every process: the server, PostgreSQL, Redis, the load
 * generator, the kernel), per unit of work. Throughput on a shared virtual machine swings by a
 * factor of two or more between identical runs; CPU per unit moves by a few percent. Multiplied
 * by a target rate it says how many cores the target needs, which answers "can this machine
 * reach it?" more reliably than one throughput figure.
 */

/**
 * Busy milliseconds summed over all cores from the first line of /proc/stat: user, nice, system,
 * irq and softirq. Idle and iowait are not work; steal is time the hypervisor gave to another
 * machine, not CPU this one used.
 */
export function busyMsFromProcStat(procStat: string, clockTicksPerSecond = 100): number {
  const line = procStat.split('\n', 1)[0]!;
  const fields = line.trim().split(/\s+/);
  const ticks = fields.slice(1, 8).map(Number);
  if (fields[0] !== 'cpu' || ticks.length < 7 || ticks.some((t) => !Number.isFinite(t))) throw new Error(`not a /proc/stat cpu line: ${line.slice(0, 80)}`);
  const [user, nice, system, , , irq, softirq] = ticks as [number, number, number, number, number, number, number];
  return ((user + nice + system + irq + softirq) * 1000) / clockTicksPerSecond;
}

/** The machine's busy CPU so far, or null where /proc/stat does not exist (not Linux). */
export function machineBusyMs(): number | null {
  try {
    return busyMsFromProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/**
 * A process's command name and CPU so far (user + system) from its /proc/PID/stat line. The name
 * sits between the first '(' and the LAST ')' (it may itself hold spaces and parentheses); utime
 * and stime are the 12th and 13th fields after it.
 */
export function cpuFromPidStat(stat: string, clockTicksPerSecond = 100): { name: string; cpuMs: number } {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = close > open && open >= 0 ? stat.slice(close + 2).trim().split(/\s+/) : [];
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  if (fields.length < 13 || !Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`not a /proc/PID/stat line: ${stat.slice(0, 80)}`);
  return { name: stat.slice(open + 1, close), cpuMs: ((utime + stime) * 1000) / clockTicksPerSecond };
}

/** Every process's name and CPU so far, by pid (from /proc; empty where it does not exist). */
export type ProcessCpuSnapshot = Map<string, { name: string; cpuMs: number }>;

export function processCpuSnapshot(): ProcessCpuSnapshot {
  const snapshot: ProcessCpuSnapshot = new Map();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return snapshot;
  }
  for (const pid of pids) {
    try {
      snapshot.set(pid, cpuFromPidStat(readFileSync(`/proc/${pid}/stat`, 'utf8')));
    } catch {
      // exited while we read
    }
  }
  return snapshot;
}

/**
 * CPU milliseconds used between two snapshots by the processes whose name starts with each of
 * `names` (e.g. 'postgres', 'redis-server'): where the machine's CPU goes besides the server.
 * Counted per process, so one that exits in between (a pooled connection closed when idle) drops
 * out instead of taking its whole past CPU off the sum; its CPU in between is not counted.
 */
export function cpuMsByName(before: ProcessCpuSnapshot, after: ProcessCpuSnapshot, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (const [pid, now] of after) {
    const name = names.find((n) => now.name.startsWith(n));
    if (name === undefined) continue;
    const then = before.get(pid);
    out[name] = out[name]! + now.cpuMs - (then && then.name === now.name ? then.cpuMs : 0); // a reused pid is a new process
  }
  return out;
}

export interface MachineCpu {
  machineCpuMsPerUnit: number;
  /** Cores this machine would need, all busy, to sustain the target rate at this CPU per unit. */
  coresNeededForTarget: number;
  coresAvailable: number;
}

/** Cores kept busy by `ratePerSecond` units at `msPerUnit` of CPU each. */
export function coresNeeded(msPerUnit: number, ratePerSecond: number): number {
  return Number(((msPerUnit * ratePerSecond) / 1000).toFixed(2));
}

/** CPU per unit between two machineBusyMs() readings, and the cores a target rate would need. */
export function machineCpuPerUnit(busyBeforeMs: number | null, busyAfterMs: number | null, units: number, targetPerSecond: number): MachineCpu | null {
  if (busyBeforeMs === null || busyAfterMs === null || units <= 0) return null;
  const perUnitMs = (busyAfterMs - busyBeforeMs) / units;
  return { machineCpuMsPerUnit: Number(perUnitMs.toFixed(3)), coresNeededForTarget: coresNeeded(perUnitMs, targetPerSecond), coresAvailable: os.cpus().length };
}
