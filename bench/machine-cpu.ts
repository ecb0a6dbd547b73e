import { readFileSync } from 'node:fs';
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
