// Renders a twin snapshot into an element. Pure DOM building (createEl/createDiv only), no I/O, so the
// view, the browser preview and the tests all use the same code.
import type { StatusResponse } from '../../bridge/contract/responses';
import { apiVersionOf } from '../bridge-client/bridge-client';
import { UPGRADE_COMMANDS, bridgeIsOlder } from '../bridge-client/bridge-version';
import { diagnose } from '../settings/connection-diagnosis';
import type { DomainName, FinanceDomain, HealthDomain, PantryDomain } from '../../bridge/contract/twin-state';
import { formatAge, formatClock, formatCompactMoney, formatKg, formatNumber, formatPct, formatSignedMoney, parseTimestamp, plural } from '../twin/format';
import { worstFirst } from '../twin/twin-alerts';
import type { TwinSnapshot } from '../twin/twin-store';
import { renderBudgetBars } from './budget-bars';
import { renderTiles } from './domain-tiles';
import { listState, renderLimited, textItem, titledList } from './show-more';
import type { ListState } from './show-more';
import { renderChart } from './small-chart';
import { renderUpcoming } from './upcoming-list';
import { REFUSED_KEY, div, sectionTitle, span, stateBox } from './dom';

/** Sync is called stale when it is older than this many sync intervals. */
const SYNC_STALE_INTERVALS = 3;
const HISTORY_STALE_MS = 48 * 3600 * 1000;

const DOMAIN_TITLES: Record<DomainName, string> = { health: 'Health', finance: 'Finance', pantry: 'Pantry' };

function row(parent: HTMLElement, label: string, value: string, cls?: string): HTMLElement {
  const el = div(parent, cls ? `dt-row ${cls}` : 'dt-row');
  span(el, 'dt-label', label);
  span(el, 'dt-value', value);
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
    stateBox(root, 'unauthorised', REFUSED_KEY, 'Set the key in the plugin settings to the one the bridge uses.');
  } else if (error !== null) {
    stateBox(root, 'offline', error.kind === 'unreachable' ? 'Offline' : 'The bridge answered with an error', error.message);
  }
  if (error !== null && status !== null && fetchedAt !== null) {
    div(root, 'dt-state-detail dt-last-data', `Showing the last data received, ${formatAge(fetchedAt, now)} (${formatClock(fetchedAt, now)}).`);
  }
  if (loading) div(root, 'dt-state dt-state-loading', status === null ? 'Loading the twin…' : 'Refreshing…');
  // A briefing that could not be written safely (a broken marker block) stays visible until fixed.
  if (snapshot.briefingIssue) stateBox(root, 'briefing', 'Briefing not written', snapshot.briefingIssue);
}

/** Names a bridge older than the plugin needs, with the command that upgrades it; the figures stay below. */
function upgradeNote(root: HTMLElement, status: StatusResponse): void {
  const version = apiVersionOf(status);
  if (!bridgeIsOlder(version)) return;
  // The connection doctor's words for it: what the bridge has, what the plugin needs.
  const el = stateBox(root, 'upgrade', 'Upgrade the bridge', `${diagnose({ url: '', mobile: false }, null, version)?.title ?? ''} Some figures may be missing until then.`);
  const how = div(el, 'dt-state-detail dt-upgrade-commands');
  how.appendText('Installed as a package: ');
  how.createEl('code', { text: UPGRADE_COMMANDS.package });
  how.appendText('; from a clone: ');
  how.createEl('code', { text: UPGRADE_COMMANDS.clone });
  how.appendText('. Then restart the bridge.');
}

function section(root: HTMLElement, name: DomainName, status: StatusResponse, now: Date): HTMLElement {
  const domain = status.state[name];
  const el = div(root, `dt-section dt-${name}`);
  sectionTitle(el, DOMAIN_TITLES[name]);
  if (domain.status === 'degraded') {
    el.addClass('dt-degraded');
    const asOf = parseTimestamp(domain.as_of);
    const why = domain.error ? `: ${domain.error.replace(/\.\s*$/, '')}` : '';
    // A past day's answer has no earlier values to fall back on: its error says what is missing.
    const values = asOf ? `Values as of ${formatClock(asOf, now)} (${formatAge(asOf, now)}).` : status.date === undefined ? 'No earlier values.' : '';
    div(el, 'dt-degraded-note', `Unavailable${why}. ${values}`.trim());
  }
  return el;
}

function renderHealth(el: HTMLElement, health: HealthDomain): void {
  const series = health.body_series ?? [];
  const trend = health.weight_trend ? ` · ${health.weight_trend.toLowerCase()}` : '';
  row(el, 'Weight', health.bodyweight_kg === null ? '—' : formatKg(health.bodyweight_kg) + trend);
  row(el, 'Body fat', health.bodyfat_pct === null ? '—' : formatPct(health.bodyfat_pct));
  const days = health.days_since_workout;
  row(el, 'Since last workout', days === null ? 'no workouts yet' : days === 0 ? 'today' : plural(days, 'day', 'days'), days !== null && days > 5 ? 'dt-alert' : undefined);
  if (health.workouts_this_week !== null) row(el, 'Workouts this week', String(health.workouts_this_week));
  if (health.training_suggestion) div(el, `dt-suggestion dt-suggestion-${health.training_suggestion.code}`, health.training_suggestion.text);
  if (series.length === 0) return;
  const charts = div(el, 'dt-charts');
  const weight = series.flatMap((p) => (p.bodyweight_kg === null ? [] : [{ label: p.date, value: p.bodyweight_kg }]));
  const fat = series.flatMap((p) => (p.bodyfat_pct === null ? [] : [{ label: p.date, value: p.bodyfat_pct }]));
  renderChart(charts, { name: 'weight', title: 'Weight, 90 days', points: weight, show: formatKg, kind: 'line' });
  if (fat.length > 0) renderChart(charts, { name: 'bodyfat', title: 'Body fat, 90 days', points: fat, show: formatPct, kind: 'line' });
}

function renderFinance(el: HTMLElement, finance: FinanceDomain, lists: ListState): void {
  const net = finance.mtd_net;
  const currency = finance.currency || 'PLN';
  row(el, 'Net this month', net === null ? '—' : formatSignedMoney(net, currency), net === null ? undefined : net < 0 ? 'dt-negative' : 'dt-positive');
  // What is due comes before the month's budgets: today's payment is the one thing to act on.
  renderUpcoming(el, finance, lists('upcoming'));
  // A bridge older than the budget bars sends only the alerts.
  const budgets = finance.budgets ?? [];
  if (budgets.length > 0) {
    div(el, 'dt-subtitle', `Budgets (${budgets.length}, ${plural(finance.alerts.length, 'alert', 'alerts')})`);
    renderBudgetBars(el, budgets, finance.alerts, currency, lists('budgets'));
  } else if (finance.alerts.length === 0) {
    div(el, 'dt-muted', 'No budget alerts.');
  } else {
    renderLimited(el, 'dt-alerts', {
      items: worstFirst(finance.alerts),
      renderItem: (list, alert) => {
        const item = list.createEl('li', { cls: `dt-alert-item dt-severity-${alert.alert_severity.toLowerCase()}` });
        const head = div(item, 'dt-alert-head');
        span(head, 'dt-badge', alert.alert_severity);
        span(head, 'dt-alert-category', `${alert.category_path} · ${formatNumber(alert.utilization_pct)}%`);
        div(item, 'dt-alert-action', alert.recommended_action);
        return item;
      },
      ...lists('alerts'),
    });
  }
  const months = finance.monthly_net ?? [];
  if (months.length > 0) {
    renderChart(div(el, 'dt-charts'), {
      name: 'net',
      title: 'Net per month',
      points: months.map((m) => ({ label: m.month, value: m.net })),
      show: (v) => formatSignedMoney(v, currency),
      axis: (v) => formatCompactMoney(v, currency),
      kind: 'bars',
    });
  }
}

/**
 * A past day's pantry is what the twin recorded then: the names of what was low and the counts, without
 * quantities or expiry dates. Drawn as names and a line of counts.
 */
function renderRecordedPantry(el: HTMLElement, pantry: PantryDomain, lists: ListState): boolean {
  const names = pantry.low_stock.length === 0 ? pantry.low_stock_items : [];
  const expired = pantry.expiring.length === 0 ? (pantry.expired_count ?? 0) : 0;
  const soon = pantry.expiring.length === 0 ? Math.max(0, (pantry.expiring_count ?? 0) - expired) : 0;
  if (names.length > 0) {
    titledList(el, 'Low stock', 'dt-list', { items: names, renderItem: textItem, ...lists('low') });
  }
  if (expired > 0 || soon > 0) {
    const counts = [expired > 0 ? `${expired} expired` : null, soon > 0 ? `${soon} expiring within 30 days` : null].filter((x) => x !== null);
    row(el, 'Expiry', counts.join(' · '), expired > 0 ? 'dt-alert' : undefined);
  }
  return names.length > 0 || expired > 0 || soon > 0;
}

function renderPantry(el: HTMLElement, pantry: PantryDomain, lists: ListState): void {
  if (pantry.low_stock.length === 0 && pantry.expiring.length === 0) {
    if (!renderRecordedPantry(el, pantry, lists)) div(el, 'dt-muted', 'Nothing low or expiring.');
    return;
  }
  if (pantry.low_stock.length > 0) {
    titledList(el, 'Low stock', 'dt-list', {
      items: pantry.low_stock,
      renderItem: (list, item) =>
        list.createEl('li', { text: `${item.product}: ${formatNumber(item.quantity, 2)}${item.unit ? ` ${item.unit}` : ''} (min ${formatNumber(item.critical_threshold, 2)})` }),
      ...lists('low'),
    });
  }
  const expired = pantry.expiring.filter((i) => i.level === 'expired');
  const soon = pantry.expiring.filter((i) => i.level !== 'expired');
  for (const [title, items] of [['Expired', expired], ['Expiring', soon]] as const) {
    if (items.length === 0) continue;
    titledList(el, title, 'dt-list', {
      items,
      renderItem: (list, item) => {
        const when = item.days_left < 0 ? `${plural(-item.days_left, 'day', 'days')} ago` : item.days_left === 0 ? 'today' : `in ${plural(item.days_left, 'day', 'days')}`;
        return list.createEl('li', { cls: `dt-expiry-${item.level}`, text: `${item.product}${item.location ? ` (${item.location})` : ''}: ${when}` });
      },
      ...lists(title),
    });
  }
}

function freshness(root: HTMLElement, status: StatusResponse, now: Date): void {
  const el = div(root, 'dt-freshness');
  timeLine(el, 'Data computed', status.state.computed_at ?? status.computed_at, now, null, 'dt-computed');
  const syncStale = Math.max(status.sync.interval_seconds, 60) * 1000 * SYNC_STALE_INTERVALS;
  timeLine(el, 'Last sync', status.sync.last_success_at, now, syncStale, 'dt-sync');
  timeLine(el, 'Last history write', status.sync.last_history_write_at, now, HISTORY_STALE_MS, 'dt-history-write');
  if (status.sync.last_error) div(el, 'dt-row dt-stale dt-sync-error', `Last sync error: ${status.sync.last_error}`);
}

export function renderTwinPanel(root: HTMLElement, snapshot: TwinSnapshot, now: Date): void {
  root.empty();
  root.addClass('dt-panel');
  stateBanner(root, snapshot, now);
  const status = snapshot.status;
  if (status === null) {
    if (!snapshot.loading && snapshot.error === null) div(root, 'dt-muted', 'No data yet. Use the refresh button.');
    return;
  }
  upgradeNote(root, status);
  renderTwinFigures(root, status, now);
  freshness(root, status, now);
}

/**
 * The twin's figures: the tiles and each domain's section. Shared by the panel (now) and the history
 * view (a day picked). A degraded domain without earlier values has no figures to show, only its note.
 */
export function renderTwinFigures(root: HTMLElement, status: StatusResponse, now: Date): void {
  const lists = listState(root);
  const known = (name: DomainName) => status.state[name].status === 'ok' || status.state[name].as_of !== null;
  renderTiles(root, status);
  const health = section(root, 'health', status, now);
  if (known('health')) renderHealth(health, status.state.health);
  const finance = section(root, 'finance', status, now);
  if (known('finance')) renderFinance(finance, status.state.finance, lists);
  const pantry = section(root, 'pantry', status, now);
  if (known('pantry')) renderPantry(pantry, status.state.pantry, lists);
}
