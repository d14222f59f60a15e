// A running bridge's answers over HTTP, for `digital-twin mcp`: the key as X-API-KEY, a time limit,
// and an unreachable bridge or a non-JSON answer said in words an agent (and its person) can act on.
import { queryString, type AskTwin } from './twin-answers';

export const ASK_TIMEOUT_MS = 12_000;

export function httpAnswers(o: { url: string; apiKey: string | null }): AskTwin {
  const base = o.url.replace(/\/+$/, '');
  return async (path, params) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (o.apiKey) headers['x-api-key'] = o.apiKey;
    let res: Response;
    try {
      res = await fetch(`${base}${path}${queryString(params)}`, { headers, signal: AbortSignal.timeout(ASK_TIMEOUT_MS) });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`the bridge at ${base} did not answer (${why}); is it running? Start it with npx digital-twin, or set TWIN_URL`);
    }
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      throw new Error(`the bridge at ${base} answered HTTP ${res.status} without JSON; is TWIN_URL the bridge?`);
    }
  };
}
