import { AppError } from '../../kernel/errors';

/**
 * Fault injection for the simulated custodian (tests and drills):
 * - timeout: the request never reaches the bank (nothing executed), the caller sees TIMEOUT;
 * - timeout_after_execute: the bank executes, the answer is lost (the ambiguous case);
 * - duplicate_delivery: the bank receives the instruction twice, concurrently;
 * - reject: the bank refuses it (nothing executed).
 */
export type FaultKind = 'timeout' | 'timeout_after_execute' | 'duplicate_delivery' | 'reject';
export type FaultTarget = 'execute' | 'openSubAccount' | 'requestOneTimeCode' | 'dailyStatement';

interface Planned {
  kind: FaultKind;
  target: FaultTarget;
  remaining: number;
}

export class FaultInjector {
  private planned: Planned[] = [];

  /** The next `times` calls of `target` (default: execute, which deposit and withdraw use) fail this way. */
  inject(kind: FaultKind, options: { target?: FaultTarget; times?: number } = {}): void {
    this.planned.push({ kind, target: options.target ?? 'execute', remaining: options.times ?? 1 });
  }

  clear(): void {
    this.planned = [];
  }

  take(target: FaultTarget): FaultKind | undefined {
    const next = this.planned.find((p) => p.target === target && p.remaining > 0);
    if (!next) return undefined;
    next.remaining -= 1;
    this.planned = this.planned.filter((p) => p.remaining > 0);
    return next.kind;
  }
}

export function injectedTimeout(target: string): AppError {
  return new AppError('TIMEOUT', `custodian did not answer ${target} in time (injected fault)`, { injected: true });
}

export function injectedRejection(target: string): AppError {
  return new AppError('BUSINESS_RULE', `custodian rejected ${target} (injected fault)`, { injected: true, rejectedBy: 'custodian' });
}
