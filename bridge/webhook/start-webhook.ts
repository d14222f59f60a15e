// Wires the webhook into a running bridge: the deliverer, its state in /status.sync and /metrics,
// and a log line that names the receiver by origin only (its path or query may hold a token).
import type { Config } from '../config/config';
import type { SyncTracker } from '../history/sync-tracker';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import type { TwinStore } from '../store/twin-store';
import type { Clock } from '../time/clock';
import type { RetryPolicy } from './retry-delay';
import { WebhookDeliverer } from './webhook-deliverer';

export interface WebhookTiming {
  retry?: RetryPolicy;
  pollMs?: number;
}

export function startWebhook(
  config: Config,
  deps: { store: TwinStore; clock: Clock; log: Logger; metrics: Metrics; sync: SyncTracker },
  timing: WebhookTiming = {},
): WebhookDeliverer | null {
  if (!config.webhook) return null;
  const { metrics } = deps;
  const deliverer = new WebhookDeliverer({
    store: deps.store,
    personId: config.personId,
    target: config.webhook,
    clock: deps.clock,
    log: deps.log,
    retry: timing.retry,
    pollMs: timing.pollMs,
    events: {
      onDelivered: (at) => {
        metrics.webhookLastDelivery.set(at.getTime() / 1000);
        metrics.webhookAttempts.inc({ outcome: 'delivered' });
      },
      onFailed: (at) => {
        metrics.webhookLastError.set(at.getTime() / 1000);
        metrics.webhookAttempts.inc({ outcome: 'failed' });
      },
      onPending: (count) => metrics.webhookPending.set(count),
    },
  });
  deps.sync.showWebhook(() => deliverer.info());
  deliverer.start();
  deps.log.info({ receiver: new URL(config.webhook.url).origin, signed: config.webhook.secret !== null }, 'pushing transitions to the webhook');
  return deliverer;
}
