import { z } from 'zod';

/**
 * Every queue, its job payload schema and its default options. Payloads are checked with
 * zod when relayed and again when processed, so a malformed job fails loudly, not halfway.
 */
export const QUEUES = {
  reconciliation: {
    // Without a date (the daily schedule), the processor reconciles yesterday (China time).
    payload: z.object({ businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
    attempts: 5,
  },
  maintenance: {
    payload: z.object({ task: z.string(), key: z.string() }),
    attempts: 5,
  },
  'auto-invest': {
    payload: z.object({ listingId: z.string() }),
    attempts: 10,
  },
  /** A listing reached its amount: build, sign and store its contract (lending/marketplace). */
  funding: {
    payload: z.object({ listingId: z.string() }),
    attempts: 10,
  },
  /** The borrower consented to the contract: disburse exactly once (lending/marketplace). */
  disbursement: {
    payload: z.object({ listingId: z.string() }),
    attempts: 10,
  },
  /** Daily: close listings whose fundraising window has ended and void their holds. */
  'listing-expiry': {
    payload: z.object({ businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
    attempts: 5,
  },
  /** A listing was disbursed: pay invitation rewards to the inviters of its participants (lending/marketplace). */
  'invitation-rewards': {
    payload: z.object({ listingId: z.string() }),
    attempts: 10,
  },
  repayments: {
    payload: z.object({ loanId: z.string(), installmentNo: z.number().int().positive(), dueDate: z.string() }),
    attempts: 10,
  },
  delinquency: {
    payload: z.object({ businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
    attempts: 5,
  },
  disclosures: {
    // Without a month (the monthly schedule), the processor publishes last month's snapshot.
    payload: z.object({ yearMonth: z.string().regex(/^\d{4}-\d{2}$/).optional() }),
    attempts: 5,
  },
  training: {
    payload: z.object({ kind: z.enum(['credit', 'fraud']), requestedBy: z.string(), name: z.string() }),
    attempts: 2,
  },
} as const satisfies Record<string, { payload: z.ZodType; attempts: number }>;

export type QueueName = keyof typeof QUEUES;
export type JobPayload<Q extends QueueName> = z.infer<(typeof QUEUES)[Q]['payload']>;

export function isQueueName(name: string): name is QueueName {
  return Object.hasOwn(QUEUES, name);
}

export function parsePayload<Q extends QueueName>(queue: Q, payload: unknown): JobPayload<Q> {
  return QUEUES[queue].payload.parse(payload) as JobPayload<Q>;
}
