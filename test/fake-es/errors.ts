/** Elasticsearch's error body shape: {error: {root_cause: [...], type, reason, ...}, status}. */
export interface EsErrorBody {
  error: { root_cause: { type: string; reason: string }[]; type: string; reason: string; [k: string]: unknown };
  status: number;
}

export function esError(status: number, type: string, reason: string, extra: Record<string, unknown> = {}): EsErrorBody {
  return { error: { root_cause: [{ type, reason }], type, reason, ...extra }, status };
}

export class EsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: EsErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.error.reason);
  }
}

export const notFound = (type: string, reason: string) => new EsHttpError(404, esError(404, type, reason));
/** A 400; with `cause`, the cause's error is nested as `caused_by` and its root causes become this one's, as Elasticsearch reports wrapped exceptions. */
export const badRequest = (type: string, reason: string, cause?: EsHttpError) => {
  if (!cause) return new EsHttpError(400, esError(400, type, reason));
  const { root_cause: rootCause, ...inner } = cause.body.error;
  return new EsHttpError(400, { error: { root_cause: rootCause, type, reason, caused_by: inner }, status: 400 });
};
