import {
  ApplyError,
  NotLeaderError,
  OutcomeUnknownError,
  OverloadedError,
  ProposalDroppedError,
  RaftError,
  StoppedError,
  TimeoutError,
} from '@raftbus/core';

/** An error with an HTTP status; the body is `{ "error": { "code", "message" } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, field?: string) =>
  new HttpError(400, 'BAD_REQUEST', message, field ? { field } : {});

/** Map any error to the HTTP answer a client can act on (retry here, retry elsewhere, give up). */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof NotLeaderError) return new HttpError(503, err.code, err.message, { leader: err.leader });
  if (err instanceof ApplyError) return new HttpError(409, err.code, err.message);
  if (err instanceof OverloadedError) return new HttpError(429, err.code, err.message);
  if (err instanceof TimeoutError) return new HttpError(504, err.code, err.message);
  if (err instanceof OutcomeUnknownError) return new HttpError(504, err.code, err.message);
  if (err instanceof ProposalDroppedError) return new HttpError(503, err.code, err.message);
  if (err instanceof StoppedError) return new HttpError(503, err.code, err.message);
  if (err instanceof RaftError) return new HttpError(500, err.code, err.message);
  return new HttpError(500, 'INTERNAL', err instanceof Error ? err.message : String(err));
}
