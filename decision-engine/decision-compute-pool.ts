import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../kernel/errors';
import { startTsWorker } from '../kernel/ts-worker';
import type { CompiledModel } from '../models/score/compiled-model';
import type { ModelScorer } from '../models/scoring-port';
import type { CompiledRuleSet } from '../rules/evaluate-rule-set';
import { computeDecision, type ComputedDecision, type DecisionComputeInput } from './compute-decision';
import type { DecisionLogic } from './decision-logic';
import type { ComputeRequest, ComputeResponse, LogicRef, LogicSpec } from './decision-compute-protocol';
import type { DecisionConfig } from './policy-config';

interface Pending {
  resolve(value: ComputedDecision): void;
  reject(error: unknown): void;
}

/** One compute thread and what it has been sent so far. */
interface Slot {
  worker: Worker;
  sent: Set<string>;
  pending: Map<number, Pending>;
}

const configIds = new WeakMap<DecisionConfig, string>();
let nextConfigId = 1;

function configId(config: DecisionConfig): string {
  let id = configIds.get(config);
  if (!id) configIds.set(config, (id = `config-${nextConfigId++}`));
  return id;
}

const artifactOf = (scorer: ModelScorer) => (scorer as { compiled?: CompiledModel }).compiled?.artifact;

function rebuilt(error: Extract<ComputeResponse, { ok: false }>['error']): Error {
  if (error.code) return new AppError(error.code as ErrorCode, error.message, error.details);
  const rebuiltError = new Error(`${error.message} (on the decision compute thread)`);
  rebuiltError.name = error.name;
  if (error.stack) rebuiltError.stack = `${rebuiltError.name}: ${rebuiltError.message}\n${error.stack.split('\n').slice(1).join('\n')}`;
  return rebuiltError;
}

/**
 * Runs computeDecision on worker threads so the API's event loop keeps to I/O: features, rules,
 * models, hashing and JSON for one decision are most of its CPU, and on one thread they capped
 * decisions per second and made the queue behind them the tail latency. Each thread is sent a
 * rule set, model version or configuration once (by id: they are immutable), then only ids.
 * Models without an artifact (stand-ins in tests and tools) cannot be rebuilt on a thread: such
 * decisions are computed inline, with the same function. A thread that dies fails its in-flight
 * decisions (nothing has been written for them) and is replaced on the next decision.
 */
export class DecisionComputePool {
  private readonly slots: Array<Slot | undefined>;
  private nextRequestId = 1;
  private turn = 0;

  constructor(readonly threads: number) {
    this.slots = new Array<Slot | undefined>(threads).fill(undefined);
  }

  compute(logic: DecisionLogic, input: DecisionComputeInput): Promise<ComputedDecision> {
    const plan = this.threads > 0 ? planOf(logic) : null;
    if (!plan) return computeDecision(logic, input);
    const index = this.turn++ % this.threads;
    const slot = (this.slots[index] ??= this.start(index));
    const specs = plan.specs.filter((spec) => !slot.sent.has(`${spec.kind}:${spec.id}`));
    const id = this.nextRequestId++;
    return new Promise<ComputedDecision>((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      const request: ComputeRequest = { id, specs, ref: plan.ref, input };
      slot.worker.postMessage(request);
      for (const spec of specs) slot.sent.add(`${spec.kind}:${spec.id}`);
    });
  }

  /** Stops the threads (in-flight decisions fail; nothing was written for them). */
  async close(): Promise<void> {
    const slots = [...this.slots];
    this.slots.fill(undefined);
    await Promise.all(slots.map((slot) => slot?.worker.terminate()));
  }

  private start(index: number): Slot {
    const worker = startTsWorker(new URL('./decision-compute-worker.ts', import.meta.url));
    const slot: Slot = { worker, sent: new Set(), pending: new Map() };
    worker.unref(); // an idle thread does not keep the process alive
    worker.on('message', (response: ComputeResponse) => {
      const pending = slot.pending.get(response.id);
      if (!pending) return;
      slot.pending.delete(response.id);
      if (slot.pending.size === 0) worker.unref();
      if (response.ok) pending.resolve(response.result);
      else pending.reject(rebuilt(response.error));
    });
    const fail = (error: Error) => {
      if (this.slots[index] === slot) this.slots[index] = undefined;
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    };
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`decision compute thread exited (code ${code})`)));
    return slot;
  }
}

/** The ids a thread needs and how to build each, or null when a model cannot be rebuilt there. */
function planOf(logic: DecisionLogic): { ref: LogicRef; specs: LogicSpec[] } | null {
  const specs: LogicSpec[] = [];
  const set = (ruleSet: CompiledRuleSet) => {
    specs.push({ kind: 'ruleSet', id: ruleSet.id, definition: ruleSet.definition });
    return ruleSet.id;
  };
  let transferable = true;
  const model = (scorer: ModelScorer) => {
    const artifact = artifactOf(scorer);
    if (!artifact) transferable = false;
    else specs.push({ kind: 'model', id: scorer.modelVersionId, artifact });
    return scorer.modelVersionId;
  };
  const { sets, active, config } = logic;
  const ref: LogicRef = {
    policy: set(sets.policy),
    fraud: set(sets.fraud),
    shadowPolicy: sets.shadowPolicy && set(sets.shadowPolicy),
    shadowFraud: sets.shadowFraud && set(sets.shadowFraud),
    credit: model(active.models.credit),
    fraudModel: model(active.models.fraud),
    challengerCredit: active.challengers.credit && model(active.challengers.credit),
    challengerFraud: active.challengers.fraud && model(active.challengers.fraud),
    config: configId(config),
  };
  specs.push({ kind: 'config', id: ref.config, config });
  return transferable ? { ref, specs } : null;
}
