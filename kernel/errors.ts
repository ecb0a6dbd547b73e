import { ZodError } from 'zod';

/**
 * The closed set of error codes. Each maps to one HTTP status and says whether a job may
 * retry it. This table is the only place that decides either.
 */
export const ERROR_CODES = {
  VALIDATION: { httpStatus: 400, retryable: false },
  UNAUTHENTICATED: { httpStatus: 401, retryable: false },
  CSRF_FAILED: { httpStatus: 403, retryable: false },
  FORBIDDEN: { httpStatus: 403, retryable: false },
  KYC_REQUIRED: { httpStatus: 403, retryable: false },
  ONBOARDING_REQUIRED: { httpStatus: 403, retryable: false },
  NOT_FOUND: { httpStatus: 404, retryable: false },
  CONFLICT: { httpStatus: 409, retryable: false },
  IDEMPOTENCY_MISMATCH: { httpStatus: 422, retryable: false },
  INSUFFICIENT_FUNDS: { httpStatus: 422, retryable: false },
  BUSINESS_RULE: { httpStatus: 422, retryable: false },
  FUNDING_FROZEN: { httpStatus: 423, retryable: false },
  RATE_LIMITED: { httpStatus: 429, retryable: true },
  DEPENDENCY_UNAVAILABLE: { httpStatus: 503, retryable: true },
  TIMEOUT: { httpStatus: 504, retryable: true },
  INTERNAL: { httpStatus: 500, retryable: true },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].httpStatus;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A zod failure as VALIDATION naming every field (`where` names the whole value, e.g. "body"). */
export function validationError(error: ZodError, where: string): AppError {
  const fields = error.issues.map((issue) => ({ field: issue.path.join('.') || where, message: issue.message }));
  return new AppError('VALIDATION', `invalid ${where}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields, field: fields[0]?.field });
}

/** Turns anything thrown into an AppError; unknown errors become INTERNAL (retryable). */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  // A zod schema failing inside a use case is bad input, not a server fault.
  if (error instanceof ZodError) return validationError(error, 'input');
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', message);
}
