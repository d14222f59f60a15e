// GET|POST /history?limit=&entity=&cursor=&since=&until=: recorded transitions, newest first, in pages.
import { Router } from 'express';
import { plural } from '../../briefing/domain-lines';
import { n8nText } from '../../contract/n8n-responses';
import type { HistoryEntry, HistoryResponse } from '../../contract/responses';
import { describeSourceError } from '../../db/source-error';
import { HistoryUnavailableError } from '../../history/history-store';
import type { RouteDeps } from '../route-deps';
import { bodyOnce } from '../serialised-bodies';
import { HistoryParams, parseParams } from '../request-params';
import { HttpError } from '../http-error';

function historyText(items: HistoryEntry[]): string {
  if (items.length === 0) return '📜 HISTORY\n\nNo transitions recorded yet.';
  const lines = items.slice(0, 10).map((i) => `• ${i.created_at.slice(0, 16).replace('T', ' ')} ${i.entity_type}`);
  const more = items.length > 10 ? [`• and ${items.length - 10} more`] : [];
  return ['📜 HISTORY', `${plural(items.length, 'transition')}, newest first`, '', ...lines, ...more].join('\n');
}

export function historyRoute(deps: RouteDeps): Router {
  return Router().all('/history', async (req, res) => {
    const params = parseParams(HistoryParams, req);
    let page;
    try {
      page = await deps.history.page(params);
    } catch (err) {
      const reason = err instanceof HistoryUnavailableError ? err.message : describeSourceError('history', err);
      throw new HttpError(503, 'history_unavailable', `history is unavailable: ${reason}`);
    }
    // A cached first page is the same object on every hit, so its body is serialised once.
    const json = bodyOnce(page, 'history', (): HistoryResponse => ({
      ...n8nText(historyText(page.items)),
      items: page.items,
      count: page.items.length,
      limit: params.limit,
      entity: params.entity,
      next_cursor: page.nextCursor,
      since: params.since,
      until: params.until,
    }));
    res.type('application/json').send(json);
  });
}
