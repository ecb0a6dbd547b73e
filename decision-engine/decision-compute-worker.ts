/**
 * A decision compute thread (started by decision-compute-pool.ts): keeps the rule sets, models
 * and configurations it has been sent, by id, and computes decisions with them. Pure CPU work:
 * no database, no Redis.
 */
import { parentPort } from 'node:worker_threads';
import { buildScorerFromArtifact } from '../models/score/build-scorer';
import type { ModelScorer } from '../models/scoring-port';
import { compileRuleSet, type CompiledRuleSet } from '../rules/evaluate-rule-set';
import { computeDecision } from './compute-decision';
import type { ComputeRequest, ComputeResponse, LogicRef } from './decision-compute-protocol';
import type { DecisionConfig } from './policy-config';

const ruleSets = new Map<string, CompiledRuleSet>();
const scorers = new Map<string, ModelScorer>();
const configs = new Map<string, DecisionConfig>();

function need<T>(map: Map<string, T>, id: string, what: string): T {
  const value = map.get(id);
  if (!value) throw new Error(`decision compute thread: ${what} ${id} was never sent`);
  return value;
}

function logicOf(ref: LogicRef) {
  const set = (id: string) => need(ruleSets, id, 'rule set');
  const model = (id: string) => need(scorers, id, 'model');
  return {
    sets: { policy: set(ref.policy), fraud: set(ref.fraud), shadowPolicy: ref.shadowPolicy ? set(ref.shadowPolicy) : undefined, shadowFraud: ref.shadowFraud ? set(ref.shadowFraud) : undefined },
    active: { models: { credit: model(ref.credit), fraud: model(ref.fraudModel) }, challengers: { credit: ref.challengerCredit ? model(ref.challengerCredit) : undefined, fraud: ref.challengerFraud ? model(ref.challengerFraud) : undefined } },
    config: need(configs, ref.config, 'configuration'),
  };
}

async function handle(request: ComputeRequest): Promise<ComputeResponse> {
  try {
    for (const spec of request.specs) {
      if (spec.kind === 'ruleSet') ruleSets.set(spec.id, compileRuleSet(spec.id, spec.definition));
      else if (spec.kind === 'model') scorers.set(spec.id, buildScorerFromArtifact(spec.artifact, spec.id));
      else configs.set(spec.id, spec.config);
    }
    return { id: request.id, ok: true, result: await computeDecision(logicOf(request.ref), request.input) };
  } catch (error) {
    const e = error as { name?: string; message?: string; code?: string; details?: Record<string, unknown>; stack?: string };
    return { id: request.id, ok: false, error: { name: e.name ?? 'Error', message: e.message ?? String(error), code: e.name === 'AppError' ? e.code : undefined, details: e.details, stack: e.stack } };
  }
}

parentPort!.on('message', (request: ComputeRequest) => {
  // The sealed record's bytes are moved to the event loop's thread, not copied.
  void handle(request).then((response) => parentPort!.postMessage(response, response.ok ? [response.result.sealed.bytes.buffer as ArrayBuffer, response.result.decisionRowJson.buffer as ArrayBuffer] : []));
});
