/**
 * Wall time per simulated-day phase, so a slow run says where its time goes. Timing is
 * observation only: it never feeds back into what the simulation does (determinism).
 */
export class PhaseTimer {
  private readonly totalsMs = new Map<string, number>();

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.totalsMs.set(phase, (this.totalsMs.get(phase) ?? 0) + performance.now() - started);
    }
  }

  /** Adds time measured elsewhere (e.g. each API call, by route). */
  add(phase: string, ms: number): void {
    this.totalsMs.set(phase, (this.totalsMs.get(phase) ?? 0) + ms);
  }

  /** Seconds per phase, largest first. */
  seconds(): Record<string, number> {
    return Object.fromEntries([...this.totalsMs.entries()].sort((a, b) => b[1] - a[1]).map(([k, ms]) => [k, Number((ms / 1000).toFixed(1))]));
  }
}
