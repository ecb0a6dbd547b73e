import { chinaTimeOfDay } from '../../kernel/calendar';

/**
 * Staged collections (REQUIREMENTS 25), pure policy. Stages by days past due: reminder on the
 * due day, soft contact 1–3, calls to the debtor 4–30, formal notice / restructuring offer /
 * notice before credit reporting 31–90, legal or transfer > 90. Each stage allows the channels
 * of the stages before it plus its own.
 */
export const STAGES = ['reminder', 'soft', 'calls', 'formal', 'legal'] as const;
export type Stage = (typeof STAGES)[number];
export const CHANNELS = ['app', 'sms', 'email', 'call', 'letter', 'restructuring_offer', 'credit_report_notice', 'legal_transfer'] as const;
export type Channel = (typeof CHANNELS)[number];

const STAGE_CHANNELS: Record<Stage, readonly Channel[]> = {
  reminder: ['app', 'sms'],
  soft: ['app', 'sms', 'email'],
  calls: ['app', 'sms', 'email', 'call'],
  formal: ['app', 'sms', 'email', 'call', 'letter', 'restructuring_offer', 'credit_report_notice'],
  legal: ['app', 'sms', 'email', 'call', 'letter', 'restructuring_offer', 'credit_report_notice', 'legal_transfer'],
};

export function stageForDaysPastDue(dpd: number): Stage {
  if (dpd <= 0) return 'reminder';
  if (dpd <= 3) return 'soft';
  if (dpd <= 30) return 'calls';
  if (dpd <= 90) return 'formal';
  return 'legal';
}

export function channelAllowed(stage: Stage, channel: Channel): boolean {
  return STAGE_CHANNELS[stage].includes(channel);
}

export const MAX_ANSWERED_CALLS_PER_DAY = 3;
/** Contact hours, China time: from 08:00 (inclusive) to 22:00 (exclusive). */
export const CONTACT_FROM_HOUR = 8;
export const CONTACT_UNTIL_HOUR = 22;

export function withinContactHours(instant: Date): boolean {
  const { hour } = chinaTimeOfDay(instant);
  return hour >= CONTACT_FROM_HOUR && hour < CONTACT_UNTIL_HOUR;
}

/** The debtor counts as unreachable after this many attempts in the window with none answered. */
export const UNREACHABLE_ATTEMPTS = 3;
export const UNREACHABLE_WINDOW_DAYS = 7;

export type GuardRefusal =
  | 'outside_contact_hours'
  | 'channel_not_allowed_in_stage'
  | 'answered_call_limit'
  | 'debtor_reachable'
  | 'template_violation';

export interface GuardInput {
  at: Date;
  stage: Stage;
  channel: Channel;
  target: 'debtor' | 'contact';
  /** Answered calls to this debtor today (China date), before this one. */
  answeredCallsToday: number;
  /** Debtor attempts in the window and how many were answered. */
  debtorAttemptsInWindow: number;
  debtorAnsweredInWindow: number;
  lintProblems: readonly string[];
}

/** The first guard a contact fails, or null when it may go ahead. */
export function checkContactGuards(g: GuardInput): GuardRefusal | null {
  if (!withinContactHours(g.at)) return 'outside_contact_hours';
  if (!channelAllowed(g.stage, g.channel)) return 'channel_not_allowed_in_stage';
  if (g.channel === 'call' && g.answeredCallsToday >= MAX_ANSWERED_CALLS_PER_DAY) return 'answered_call_limit';
  if (g.target === 'contact' && (g.debtorAttemptsInWindow < UNREACHABLE_ATTEMPTS || g.debtorAnsweredInWindow > 0)) return 'debtor_reachable';
  if (g.lintProblems.length > 0) return 'template_violation';
  return null;
}
