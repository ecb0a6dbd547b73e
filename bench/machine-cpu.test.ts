import { describe, expect, it } from 'vitest';
import { busyMsFromProcStat, cpuFromPidStat, cpuMsByName, machineBusyMs, machineCpuPerUnit, processCpuSnapshot } from './machine-cpu';

describe('machine CPU per unit of work', () => {
  it('counts user, nice, system, irq and softirq, not idle, iowait or steal', () => {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const stat = 'cpu  1000 20 300 90000 500 7 13 60 0 0\ncpu0 500 10 150 45000 250 3 6 30 0 0\n';
    expect(busyMsFromProcStat(stat)).toBe((1000 + 20 + 300 + 7 + 13) * 10);
    expect(busyMsFromProcStat(stat, 250)).toBe((1340 * 1000) / 250);
  });

  it('refuses text that is not /proc/stat', () => {
    expect(() => busyMsFromProcStat('intr 1 2 3')).toThrow(/not a \/proc\/stat cpu line/);
    expect(() => busyMsFromProcStat('cpu 1 2 3')).toThrow(/not a \/proc\/stat cpu line/);
    expect(() => busyMsFromProcStat('cpu  1 2 3 4 5 6 x')).toThrow(/not a \/proc\/stat cpu line/);
  });

  it('divides the busy time by the units and scales it to the target rate', () => {
    // 3,450 ms busy over 1,000 decisions = 3.45 ms each; 1,000 a second needs 3.45 cores.
    expect(machineCpuPerUnit(10_000, 13_450, 1_000, 1_000)).toMatchObject({ machineCpuMsPerUnit: 3.45, coresNeededForTarget: 3.45 });
    expect(machineCpuPerUnit(0, 400, 1_000, 5_000)).toMatchObject({ machineCpuMsPerUnit: 0.4, coresNeededForTarget: 2 });
    expect(machineCpuPerUnit(null, 400, 1_000, 5_000)).toBeNull();
    expect(machineCpuPerUnit(0, 400, 0, 5_000)).toBeNull();
  });

  it.runIf(process.platform === 'linux')('sees this process spinning', () => {
    const before = machineBusyMs()!;
    const until = performance.now() + 150;
    while (performance.now() < until); // ~150 ms of one core
    const after = machineBusyMs()!;
    // At least most of the spin (the tick is 10 ms), whatever else the machine does.
    expect(after - before).toBeGreaterThanOrEqual(100);
  });

  it("reads a process's name and CPU from /proc/PID/stat, whatever its name holds", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const line = '4242 (postgres: p2p (bench) idle) S 1 4242 4242 0 -1 4194560 900 0 0 0 1234 56 0 0 20 0 1 0 77 0\n';
    expect(cpuFromPidStat(line)).toEqual({ name: 'postgres: p2p (bench) idle', cpuMs: (1234 + 56) * 10 });
    expect(() => cpuFromPidStat('4242 (short) S 1 2')).toThrow(/not a \/proc\/PID\/stat line/);
    expect(() => cpuFromPidStat('no parentheses at all')).toThrow(/not a \/proc\/PID\/stat line/);
  });

  it('sums CPU between two snapshots by process name; a process that exits drops out, a new one counts whole', () => {
    const before = new Map([
      ['10', { name: 'postgres: checkpointer', cpuMs: 500 }],
      ['11', { name: 'postgres: p2p idle', cpuMs: 9_000 }], // exits in between: not taken off the sum
      ['12', { name: 'redis-server *:6379', cpuMs: 100 }],
      ['13', { name: 'node', cpuMs: 700 }], // its pid is reused by a postgres backend
    ]);
    const after = new Map([
      ['10', { name: 'postgres: checkpointer', cpuMs: 530 }],
      ['12', { name: 'redis-server *:6379', cpuMs: 160 }],
      ['13', { name: 'postgres: p2p SELECT', cpuMs: 40 }],
      ['14', { name: 'postgres: p2p idle', cpuMs: 25 }],
      ['15', { name: 'node', cpuMs: 1_000 }],
    ]);
    expect(cpuMsByName(before, after, ['postgres', 'redis-server', 'nats'])).toEqual({ postgres: 30 + 40 + 25, 'redis-server': 60, nats: 0 });
  });

  it.runIf(process.platform === 'linux')('snapshots this process among the others', () => {
    const before = processCpuSnapshot();
    const until = performance.now() + 50;
    while (performance.now() < until); // ~50 ms of CPU in this process
    const self = processCpuSnapshot().get(String(process.pid))!;
    expect(self.cpuMs).toBeGreaterThan(before.get(String(process.pid))!.cpuMs);
  });
});
