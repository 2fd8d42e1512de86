/** The closed set of error codes any Linli ack or HTTP error may carry. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNKNOWN_EVENT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'OTP_INVALID',
  'OTP_EXPIRED',
  'OTP_LOCKED',
  'INTERNAL',
  /** A dependency (the database) could not confirm the change: send the same command again. */
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one field of a payload (zod issue, flattened for the wire). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface WireError {
  code: ErrorCode;
  message: string;
  /** Field problems for VALIDATION_FAILED; seconds to wait for RATE_LIMITED. */
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
  /** CONFLICT on a versioned record: the record as it now stands, to show and retry from. */
  current?: unknown;
}

/** The ack envelope every client command is answered with. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: WireError };

/** Builds a success ack. */
export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** Builds a failure ack. */
export function fail(code: ErrorCode, message: string, extra: Omit<WireError, 'code' | 'message'> = {}): Ack<never> {
  return { ok: false, error: { code, message, ...extra } };
}

/** HTTP status used when an error code is answered over HTTP. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_EVENT: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  OTP_INVALID: 400,
  OTP_EXPIRED: 400,
  OTP_LOCKED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};
