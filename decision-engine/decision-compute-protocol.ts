import type { ModelArtifact } from '../models/score/artifact';
import type { RuleSetDefinition } from '../rules/rule-set-schema';
import type { ComputedDecision, DecisionComputeInput } from './compute-decision';
import type { DecisionConfig } from './policy-config';

/** What a compute thread is sent once per id: it keeps them (rule sets and model versions are immutable). */
export type LogicSpec =
  | { kind: 'ruleSet'; id: string; definition: RuleSetDefinition }
  | { kind: 'model'; id: string; artifact: ModelArtifact }
  | { kind: 'config'; id: string; config: DecisionConfig };

/** The logic of one decision, by the ids of what the thread has been sent. */
export interface LogicRef {
  policy: string;
  fraud: string;
  shadowPolicy?: string;
  shadowFraud?: string;
  credit: string;
  fraudModel: string;
  challengerCredit?: string;
  challengerFraud?: string;
  config: string;
}

export interface ComputeRequest {
  id: number;
  specs: LogicSpec[];
  ref: LogicRef;
  input: DecisionComputeInput;
}

export type ComputeResponse =
  | { id: number; ok: true; result: ComputedDecision }
  | { id: number; ok: false; error: { name: string; message: string; code?: string; details?: Record<string, unknown>; stack?: string } };
