/** The only source of time for domain code. Tests and the simulator use SimulatedClock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

export class SimulatedClock implements Clock {
  private currentMs: number;

  constructor(start: Date | string) {
    this.currentMs = new Date(start).getTime();
    if (Number.isNaN(this.currentMs)) throw new Error(`SimulatedClock: invalid start ${String(start)}`);
  }

  now(): Date {
    return new Date(this.currentMs);
  }

  set(to: Date | string): void {
    this.currentMs = new Date(to).getTime();
  }

  advanceMs(ms: number): void {
    this.currentMs += ms;
  }

  advanceDays(days: number): void {
    this.currentMs += days * 86_400_000;
  }
}
