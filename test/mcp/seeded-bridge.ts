// A memory bridge with a little of everything (money with a scheduled payment, training, body
// measurements, pantry stock and its recorded past) on a fixed day, and the SDK's client for it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { DEFAULT_PERSON_ID } from '../../bridge/config/settings';
import { fixedClock } from '../../bridge/time/clock';
import { startMemoryBridge, type MemoryBridge } from '../fixtures/memory-bridge';
import { InMemoryFinanceRepository } from '../fixtures/repositories/in-memory-finance';
import { InMemoryPantryHistoryRepository } from '../fixtures/repositories/in-memory-pantry-history';
import { InMemoryPantryRepository } from '../fixtures/repositories/in-memory-pantry';
import { InMemoryTrainingRepository } from '../fixtures/repositories/in-memory-training';
import { TEST_TIMEZONE } from '../fixtures/test-settings';

export const NOW = '2025-03-20T09:00:00+01:00';
/** A past day: rows dated after it do not count for it. */
export const PAST_DAY = '2025-03-05';

export async function startSeededBridge(env: Record<string, string> = {}): Promise<MemoryBridge> {
  const finance = new InMemoryFinanceRepository();
  const food = finance.addCategory('Lifestyle', 'Groceries');
  finance.addTransactions([
    { date: '2025-02-10', type: 'Income', amount: '5000.00', category_id: null },
    { date: '2025-03-03', type: 'Expense', amount: '120.50', category_id: food },
    { date: '2025-03-05', type: 'Expense', amount: '30.00', category_id: food },
    { date: '2025-03-06', type: 'Expense', amount: '999.00', category_id: food },
  ]);
  finance.addScheduled([{ name: 'Rent', amount: '2300.00', expense_date: '2025-03-25' }]);
  const training = new InMemoryTrainingRepository({
    workout_templates: [{ template_id: 'A', template_name: 'Full body' }],
    workouts: [{ workout_date: '2025-03-01', template_id: 'A' }, { workout_date: '2025-03-10', template_id: 'A' }],
    measurements: [{ measurement_date: '2025-03-02', bodyweight_kg: '80.00', bodyfat_pct: '20.00' }, { measurement_date: '2025-03-12', bodyweight_kg: '79.00', bodyfat_pct: null }],
  });
  const pantry = new InMemoryPantryRepository([
    { category: 'Mleko', location: 'Fridge', current_quantity: '0.50', critical_threshold: '1.00', next_expiry: '2025-03-22', unit: 'l' },
    { category: 'Ryż', location: 'Shelf', current_quantity: '2.00', critical_threshold: '0.50', next_expiry: null, unit: 'kg' },
  ]);
  const pantryHistory = new InMemoryPantryHistoryRepository(
    [{ id: '1', entity_type: 'pantry', entity_id: DEFAULT_PERSON_ID, created_at: new Date('2025-03-04T07:00:00+01:00'), update_data: { low_stock_count: 2, low_stock_items: ['Mleko', 'Jajka'], expired_count: 1, expiring_count: 3 } }],
    TEST_TIMEZONE,
  );
  return startMemoryBridge({ clock: fixedClock(NOW), env, repositories: { finance, training, pantry, pantryHistory } });
}

/** The SDK's client over Streamable HTTP at `${url}/mcp`, sending `headers` with every request. */
export async function mcpClient(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'digital-twin-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }));
  return client;
}

/** An HTTP answer's body as JSON. */
export async function httpBody(url: string, path: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { headers });
  return (await res.json()) as Record<string, unknown>;
}
