/**
 * Fitted preprocessing, saved as JSON inside the model artifact and applied identically
 * at scoring time. WoE here is "risk WoE": ln(odds of positive in the bin / overall odds),
 * so a positive value means riskier than average (points convention is handled by the
 * scorecard).
 */
import { z } from 'zod';

export const numericSpecSchema = z.object({
  name: z.string(),
  kind: z.literal('numeric'),
  /** Interior cut points; bin b holds values v with edges[b-1] < v <= edges[b]. */
  edges: z.array(z.number()),
  binWoe: z.array(z.number()),
  missingWoe: z.number(),
  hasMissing: z.boolean(),
  clipLo: z.number(),
  clipHi: z.number(),
  log: z.boolean(),
  center: z.number(),
  scale: z.number(),
});

export const categoricalSpecSchema = z.object({
  name: z.string(),
  kind: z.literal('categorical'),
  /** Categories seen often enough in training to get their own WoE. */
  woe: z.record(z.string(), z.number()),
  /** WoE for rare and unseen categories. */
  rareWoe: z.number(),
  missingWoe: z.number(),
  hasMissing: z.boolean(),
  /** Categories that get an indicator column in the linear view. */
  oneHot: z.array(z.string()),
});

export const preprocessorStateSchema = z.object({
  version: z.literal(1),
  positiveRate: z.number(),
  features: z.array(z.discriminatedUnion('kind', [numericSpecSchema, categoricalSpecSchema])),
});

export type NumericSpec = z.infer<typeof numericSpecSchema>;
export type CategoricalSpec = z.infer<typeof categoricalSpecSchema>;
export type FeatureSpec = NumericSpec | CategoricalSpec;
export type PreprocessorState = z.infer<typeof preprocessorStateSchema>;

export interface PreprocessOptions {
  maxBins: number;
  /** Pseudo-count pulling small groups' WoE towards 0 (the overall rate). */
  smoothing: number;
  maxOneHot: number;
}

export const DEFAULT_PREPROCESS: PreprocessOptions = { maxBins: 10, smoothing: 10, maxOneHot: 30 };
