/** The saved model: everything needed to score, as JSON (weights, preprocessing, calibration, reasons). */
import { z } from 'zod';
import { preprocessorStateSchema } from '../preprocess/state';

const logisticSchema = z.object({ weights: z.array(z.number()), intercept: z.number() });
const denseSchema = z.object({ inputs: z.number(), outputs: z.number(), w: z.array(z.number()), b: z.array(z.number()) });
const treeSchema = z.object({
  feature: z.array(z.number()),
  threshold: z.array(z.number()),
  missingLeft: z.array(z.boolean()),
  left: z.array(z.number()),
  right: z.array(z.number()),
  value: z.array(z.number()),
});

export const componentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scorecard'), model: logisticSchema }),
  z.object({ type: z.literal('logistic'), model: logisticSchema, linearMeans: z.array(z.number()) }),
  z.object({ type: z.literal('mlp'), model: z.object({ layers: z.array(denseSchema) }), linearMeans: z.array(z.number()) }),
  z.object({ type: z.literal('gbt'), model: z.object({ baseScore: z.number(), trees: z.array(treeSchema) }) }),
]);

export const calibratorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('platt'), a: z.number(), b: z.number() }),
  z.object({ type: z.literal('isotonic'), x: z.array(z.number()), y: z.array(z.number()) }),
]);

export const MODEL_TYPES = ['auto', 'scorecard', 'logistic', 'nn', 'gbt'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const reasonSchema = z.object({ code: z.string(), en: z.string(), zh: z.string() });

export const modelArtifactSchema = z.object({
  format: z.literal('p2p-risk-model/1'),
  kind: z.enum(['credit', 'fraud']),
  modelType: z.enum(MODEL_TYPES),
  featureSetVersion: z.string(),
  target: z.object({ name: z.string(), positive: z.string() }),
  preprocessing: preprocessorStateSchema,
  components: z.array(componentSchema),
  /** Final logit before calibration = Σ weight_k · logit_k. */
  blendWeights: z.array(z.number()),
  calibration: calibratorSchema,
  /** score = offset + factor · ln(odds of good); factor = pdo / ln 2. */
  scaling: z.object({ pdo: z.number(), baseScore: z.number(), baseOddsGood: z.number() }),
  /** Per input feature: reason code and texts used when it hurts the applicant. */
  reasons: z.record(z.string(), reasonSchema),
  seed: z.number(),
});

export type ModelArtifact = z.infer<typeof modelArtifactSchema>;
export type ModelComponent = z.infer<typeof componentSchema>;

export const DEFAULT_SCALING = { pdo: 20, baseScore: 600, baseOddsGood: 50 };
