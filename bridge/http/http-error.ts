// Errors as n8n and people read them: JSON with a status, a code, and a readable report.
import { n8nText } from '../contract/n8n-responses';
import type { ErrorResponse } from '../contract/responses';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string): ErrorResponse {
  return { error: { code, message }, ...n8nText(`❌ Error: ${message}`) };
}
