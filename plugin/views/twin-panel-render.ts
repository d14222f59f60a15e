// Renders a twin snapshot into an element. Pure DOM building (createEl/createDiv only), no I/O, so the
// view, the browser preview and the tests all use the same code.
import type { StatusResponse } from '../../bridge/contract/responses';
import type { DomainName, FinanceDomain, HealthDomain, PantryDomain } from '../../bridge/contract/twin-state';
import { formatAge, formatClock, formatNumber, formatSignedMoney, parseTimestamp, plural } from '../twin/format';
import type { TwinSnapshot } from '../twin/twin-store';

/** Sync is called stale when it is older than this many sync intervals. */
const SYNC_STALE_INTERVALS = 3;
const HISTORY_STALE_MS = 48 * 3600 * 1000;

const DOMAIN_TITLES: Record<DomainName, string> = { health: 'Health', finance: 'Finance', pantry: 'Pantry' };

function row(parent: HTMLElement, label: string, value: string, cls?: string): HTMLElement {
  const el = parent.createDiv({ cls: cls ? `dt-row ${cls}` : 'dt-row' });
  el.createSpan({ cls: 'dt-label', text: label });
  el.createSpan({ cls: 'dt-value', text: value });
  return el;
}

function timeLine(parent: HTMLElement, label: string, iso: string | null, now: Date, staleAfterMs: number | null, cls: string): void {
  const when = parseTimestamp(iso);
  if (when === null) {
    row(parent, label, 'never', `${cls} dt-stale`);
    return;
  }
  const stale = staleAfterMs !== null && now.getTime() - when.getTime() > staleAfterMs;
  const el = row(parent, label, `${formatClock(when, now)} (${formatAge(when, now)})`, stale ? `${cls} dt-stale` : cls);
  if (stale) el.setAttr('title', `${label} is older than expected.`);
}

function stateBanner(root: HTMLElement, snapshot: TwinSnapshot, now: Date): void {
  const { status, error, fetchedAt, loading } = snapshot;
  if (error?.kind === 'unauthorised') {
    const el = root.createDiv({ cls: 'dt-state dt-state-unauthorised' });
    el.createDiv({ cls: 'dt-state-title', text: 'The bridge refused the API key' });
    el.createDiv({ cls: 'dt-state-detail', text: 'Set the key in the plugin settings to the one the bridge uses.' });
  } else if (error !== null) {
    const el = root.createDiv({ cls: 'dt-state dt-state-offline' });
    el.createDiv({
      cls: 'dt-state-title',
      text: error.kind === 'unreachable' ? 'Offline' : 'The bridge answered with an error',
    });
    el.createDiv({ cls: 'dt-state-detail', text: error.message });
  }
  if (error !== null && status !== null && fetchedAt !== null) {
    root.createDiv({ cls: 'dt-state-detail dt-last-data', text: `Showing the last data received, ${formatAge(fetchedAt, now)} (${formatClock(fetchedAt, now)}).` });
  }
  if (loading) root.createDiv({ cls: 'dt-state dt-state-loading', text: status === null ? 'Loading the twin…' : 'Refreshing…' });
}

function section(root: HTMLElement, name: DomainName, status: StatusResponse, now: Date): HTMLElement {
  const domain = status.state[name];
  const el = root.createDiv({ cls: `dt-section dt-${name}` });
  el.createEl('h4', { cls: 'dt-section-title', text: DOMAIN_TITLES[name] });
  if (domain.status === 'degraded') {
    el.addClass('dt-degraded');
    const asOf = parseTimestamp(domain.as_of);
    el.createDiv({
      cls: 'dt-degraded-note',
      text: `Unavailable${domain.error ? `: ${domain.error}` : ''}. ${asOf ? `Values as of ${formatClock(asOf, now)} (${formatAge(asOf, now)}).` : 'No earlier values.'}`,
    });
  }
  return el;
}

function renderHealth(el: HTMLElement, health: HealthDomain): void {
  const trend = health.weight_trend ? ` · ${health.weight_trend.toLowerCase()}` : '';
  row(el, 'Weight', health.bodyweight_kg === null ? '—' : `${formatNumber(health.bodyweight_kg)} kg${trend}`);
  row(el, 'Body fat', health.bodyfat_pct === null ? '—' : `${formatNumber(health.bodyfat_pct)} %`);
  const days = health.days_since_workout;
  row(el, 'Since last workout', days === null ? 'no workouts yet' : days === 0 ? 'today' : plural(days, 'day', 'days'), days !== null && days > 5 ? 'dt-alert' : undefined);
  if (health.workouts_this_week !== null) row(el, 'Workouts this week', String(health.workouts_this_week));
  if (health.training_suggestion) el.createDiv({ cls: `dt-suggestion dt-suggestion-${health.training_suggestion.code}`, text: health.training_suggestion.text });
}

function renderFinance(el: HTMLElement, finance: FinanceDomain): void {
  const net = finance.mtd_net;
  row(el, 'Net this month', net === null ? '—' : formatSignedMoney(net, finance.currency), net === null ? undefined : net < 0 ? 'dt-negative' : 'dt-positive');
  if (finance.alerts.length === 0) {
    el.createDiv({ cls: 'dt-muted', text: 'No budget alerts.' });
    return;
  }
  const list = el.createEl('ul', { cls: 'dt-alerts' });
  for (const alert of finance.alerts) {
    const item = list.createEl('li', { cls: `dt-alert-item dt-severity-${alert.alert_severity.toLowerCase()}` });
    const head = item.createDiv({ cls: 'dt-alert-head' });
    head.createSpan({ cls: 'dt-badge', text: alert.alert_severity });
    head.createSpan({ cls: 'dt-alert-category', text: `${alert.category_path} · ${formatNumber(alert.utilization_pct)}%` });
    item.createDiv({ cls: 'dt-alert-action', text: alert.recommended_action });
  }
}

function renderPantry(el: HTMLElement, pantry: PantryDomain): void {
  if (pantry.low_stock.length === 0 && pantry.expiring.length === 0) {
    el.createDiv({ cls: 'dt-muted', text: 'Nothing low or expiring.' });
    return;
  }
  if (pantry.low_stock.length > 0) {
    el.createDiv({ cls: 'dt-subtitle', text: `Low stock (${pantry.low_stock.length})` });
    const list = el.createEl('ul', { cls: 'dt-list' });
    for (const item of pantry.low_stock) {
      list.createEl('li', { text: `${item.product}: ${formatNumber(item.quantity, 2)}${item.unit ? ` ${item.unit}` : ''} (min ${formatNumber(item.critical_threshold, 2)})` });
    }
  }
  const expired = pantry.expiring.filter((i) => i.level === 'expired');
  const soon = pantry.expiring.filter((i) => i.level !== 'expired');
  for (const [title, items] of [['Expired', expired], ['Expiring', soon]] as const) {
    if (items.length === 0) continue;
    el.createDiv({ cls: 'dt-subtitle', text: `${title} (${items.length})` });
    const list = el.createEl('ul', { cls: 'dt-list' });
    for (const item of items) {
      const when = item.days_left < 0 ? `${plural(-item.days_left, 'day', 'days')} ago` : item.days_left === 0 ? 'today' : `in ${plural(item.days_left, 'day', 'days')}`;
      list.createEl('li', { cls: `dt-expiry-${item.level}`, text: `${item.product}${item.location ? ` (${item.location})` : ''}: ${when}` });
    }
  }
}

function freshness(root: HTMLElement, status: StatusResponse, now: Date): void {
  const el = root.createDiv({ cls: 'dt-freshness' });
  timeLine(el, 'Data computed', status.state.computed_at ?? status.computed_at, now, null, 'dt-computed');
  const syncStale = Math.max(status.sync.interval_seconds, 60) * 1000 * SYNC_STALE_INTERVALS;
  timeLine(el, 'Last sync', status.sync.last_success_at, now, syncStale, 'dt-sync');
  timeLine(el, 'Last history write', status.sync.last_history_write_at, now, HISTORY_STALE_MS, 'dt-history-write');
  if (status.sync.last_error) el.createDiv({ cls: 'dt-row dt-stale dt-sync-error', text: `Last sync error: ${status.sync.last_error}` });
}

export function renderTwinPanel(root: HTMLElement, snapshot: TwinSnapshot, now: Date): void {
  root.empty();
  root.addClass('dt-panel');
  stateBanner(root, snapshot, now);
  const status = snapshot.status;
  if (status === null) {
    if (!snapshot.loading && snapshot.error === null) root.createDiv({ cls: 'dt-muted', text: 'No data yet. Use the refresh button.' });
    return;
  }
  renderHealth(section(root, 'health', status, now), status.state.health);
  renderFinance(section(root, 'finance', status, now), status.state.finance);
  renderPantry(section(root, 'pantry', status, now), status.state.pantry);
  freshness(root, status, now);
}
