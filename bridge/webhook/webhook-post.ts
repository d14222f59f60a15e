// One POST of one body to the receiver, with a time limit. Anything but a 2xx answer is a failure
// (the caller retries); redirects are not followed, since a moved receiver is a configuration error.
// A user and password in the URL (n8n's Webhook node offers Basic Auth) become an Authorization
// header: fetch refuses URLs that carry them.
import { SIGNATURE_HEADER, signBody } from './webhook-signature';

export class WebhookDeliveryError extends Error {}

export interface PostTarget {
  url: string;
  secret: string | null;
  timeoutMs: number;
}

export async function postTransition(target: PostTarget, body: string, deliveryId: string, event: string, stop: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': 'digital-twin-bridge',
    'X-Twin-Event': event,
    'X-Twin-Delivery': deliveryId,
  };
  if (target.secret) headers[SIGNATURE_HEADER] = signBody(body, target.secret);
  const url = new URL(target.url);
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.Authorization = `Basic ${Buffer.from(user, 'utf8').toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  // The time limit is a timer held here: Node 20 keeps the inputs of a combined signal only weakly, so
  // an AbortSignal.timeout() that nothing else holds can be collected before it fires, and a receiver
  // that never answers would then hold up every delivery for good.
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(new DOMException(`no answer within ${target.timeoutMs} ms`, 'TimeoutError')), target.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.any([limit.signal, stop]) });
    // The answer's body is not needed, but reading it (within the same limit) frees the connection.
    await res.arrayBuffer().catch(() => undefined);
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') throw new WebhookDeliveryError(`receiver did not answer within ${target.timeoutMs} ms`);
    if (e.name === 'AbortError') throw new WebhookDeliveryError('delivery interrupted by shutdown');
    throw new WebhookDeliveryError(`receiver unreachable: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
  } finally {
    clearTimeout(timer);
  }
  if (res.status < 200 || res.status > 299) throw new WebhookDeliveryError(`receiver answered HTTP ${res.status}`);
}
