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
export const badRequest = (type: string, reason: string) => new EsHttpError(400, esError(400, type, reason));
