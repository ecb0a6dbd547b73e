import { describe, expect, it } from 'vitest';
import { busyMsFromProcStat, machineBusyMs, machineCpuPerUnit } from './machine-cpu';

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
});
