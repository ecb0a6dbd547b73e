export { buildSchedule, levelPaymentFen, monthlyInterestFen, roundScheduleFen, REPAYMENT_METHODS } from './build-schedule';
export type { Installment, RepaymentMethod, ScheduleInput } from './build-schedule';
export { scheduleAprBps } from './schedule-apr';
