// GET|POST /health/domain/:name: one domain's state as the troubleshooting runbook reads it
// (`curl :5677/health/domain/finance`): status, error, as_of, last success, failures in a row.
import { Router } from 'express';
import { n8nText, type TextKeys } from '../../contract/n8n-responses';
import type { DomainHealthResponse } from '../../contract/responses';
import { DOMAIN_NAMES, type DomainName } from '../../contract/twin-state';
import { HttpError } from '../http-error';
import type { RouteDeps } from '../route-deps';
import { TextParams, parseParams } from '../request-params';

function isDomain(name: string): name is DomainName {
  return (DOMAIN_NAMES as readonly string[]).includes(name);
}

function domainText(b: Omit<DomainHealthResponse, keyof TextKeys>): string {
  const head = b.status === 'ok' ? `✅ ${b.domain}: ok` : `⚠️ ${b.domain}: degraded (${b.error ?? 'unknown reason'})`;
  return [
    head,
    `Figures as of: ${b.as_of ?? 'never computed'}`,
    `Last success: ${b.last_success_at ?? 'none since the bridge started'}`,
    `Failures in a row: ${b.consecutive_failures}`,
  ].join('\n');
}

export function domainHealthRoute(deps: RouteDeps): Router {
  return Router().all('/health/domain/:name', async (req, res) => {
    const name = String(req.params.name).toLowerCase();
    if (!isDomain(name)) {
      throw new HttpError(404, 'unknown_domain', `no domain ${JSON.stringify(String(req.params.name).slice(0, 40))}; domains are ${DOMAIN_NAMES.join(', ')}`);
    }
    parseParams(TextParams, req);
    const state = await deps.engine.getState();
    const domain = state[name];
    const record = deps.engine.domainRecord(name);
    const fields = {
      domain: name,
      status: domain.status,
      error: domain.error,
      as_of: domain.as_of,
      last_success_at: record.last_success_at,
      last_failure_at: record.last_failure_at,
      consecutive_failures: record.consecutive_failures,
      computed_at: state.computed_at,
    };
    const body: DomainHealthResponse = { ...fields, ...n8nText(domainText(fields)) };
    res.json(body);
  });
}
