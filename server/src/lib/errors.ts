import type { ErrorCode, FieldIssue, WireError } from '@linli/shared';
import { ZodError, type z } from 'zod';

/** A failure the caller may see: code and message go on the wire as they are. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<WireError, 'code' | 'message'> = {},
  ) {
    super(message);
  }
}

export const forbidden = (msg = 'You may not do that here') => new AppError('FORBIDDEN', msg);
/**
 * NOT_FOUND for an id that does not exist and for one the caller may not know of
 * (outsiders of its community, see context/access.ts): the same code and the
 * same message, so an answer never tells an outsider that an id exists. `what`
 * stays on the server (for whoever debugs); the wire message never names it.
 */
export class NotFoundError extends AppError {
  constructor(readonly what: string) {
    super('NOT_FOUND', 'Not found');
  }
}
export const notFound = (what: string) => new NotFoundError(what);
export const conflict = (msg: string) => new AppError('CONFLICT', msg);

export function issuesOf(err: ZodError): FieldIssue[] {
  return err.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** The input as the schema parses it, or VALIDATION_FAILED naming the fields (socket payloads and HTTP bodies alike). */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'Invalid input', { issues: issuesOf(parsed.error) });
  return parsed.data;
}

/** Turns anything thrown into a wire error; unknown errors leak nothing. */
export function toWireError(err: unknown): { wire: WireError; unexpected: boolean } {
  if (err instanceof AppError) return { wire: { code: err.code, message: err.message, ...err.extra }, unexpected: false };
  if (err instanceof ZodError) {
    return { wire: { code: 'VALIDATION_FAILED', message: 'Invalid input', issues: issuesOf(err) }, unexpected: false };
  }
  return { wire: { code: 'INTERNAL', message: 'Something went wrong' }, unexpected: true };
}

/**
 * A unique index refused the write. MongoDB says E11000 for inserts and updates;
 * FerretDB 1.24 says so for inserts only, and answers an update into a taken key
 * with code 1 (InternalError) carrying SQLite's "UNIQUE constraint failed".
 */
export function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === 11000 || (code === 1 && typeof message === 'string' && message.includes('UNIQUE constraint failed'));
}

/**
 * Runs an upsert, retrying once when a concurrent upsert inserted the same
 * key first (MongoDB and FerretDB both answer that race with E11000).
 */
export async function upsertRetrying<Result>(run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return run();
  }
}
