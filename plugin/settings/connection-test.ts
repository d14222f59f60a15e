// The settings tab's "Test connection": asks the bridge for its status and says, for a person, how
// long it took, how fresh the data is and which sources do not answer.
import type { TwinStore } from '../twin/twin-store';
import { formatAge } from '../twin/format';
import { degradedDomains } from '../twin/twin-alerts';

export async function testConnection(store: TwinStore, bridgeUrl: string, now: () => Date): Promise<string> {
  const started = Date.now();
  const result = await store.refresh();
  const ms = Date.now() - started;
  if (!result.ok) return result.message;
  const status = result.data;
  const degraded = degradedDomains(status);
  const computed = new Date(status.computed_at);
  const parts = [
    `Connected to ${bridgeUrl} in ${ms} ms.`,
    `Data computed ${Number.isNaN(computed.getTime()) ? status.computed_at : formatAge(computed, now())}.`,
    degraded.length === 0 ? 'All sources answer.' : `Degraded: ${degraded.join(', ')}.`,
  ];
  return parts.join(' ');
}
