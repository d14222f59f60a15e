// How the agent tools reach the twin: by asking one of the bridge's HTTP answers (a path and its
// query parameters), so that a tool's figures, and its refusals, are the HTTP answer's own. Inside
// the bridge the answer is dispatched in process; `digital-twin mcp` asks a running bridge over HTTP.

/** One HTTP answer: its status and its parsed JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

export type AskTwin = (path: string, params: Readonly<Record<string, string>>) => Promise<Answer>;

/** The `error.message` of a refused answer (the words of the HTTP 4xx/5xx), or a fallback. */
export function refusal(answer: Answer): string {
  const body = answer.body as { error?: { message?: unknown } } | null;
  const message = body?.error?.message;
  return typeof message === 'string' ? message : `the bridge answered HTTP ${answer.status}`;
}

export function queryString(params: Readonly<Record<string, string>>): string {
  const text = new URLSearchParams(params).toString();
  return text === '' ? '' : `?${text}`;
}
