// Errors as n8n and people read them: JSON with a status, a code, and a readable report.
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
  const report = `❌ Error: ${message}`;
  return { error: { code, message }, report, response_text: report, content: report };
}
