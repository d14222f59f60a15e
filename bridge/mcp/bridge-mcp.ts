// /mcp inside the bridge: the tools ask the bridge's own answers in process; each call is counted
// in /metrics by tool and outcome and logged with its arguments' names only.
import type express from 'express';
import type { Config } from '../config/config';
import type { DirectAnswers } from '../http/direct-answers';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import { inProcessAnswers } from './in-process-answers';
import { mcpRoute } from './mcp-route';
import { mcpServerFactory } from './mcp-server';
import type { CallListener } from './tool-calls';

/** Logs and counts each tool call (its arguments' values are never logged: a cursor or a date says enough by name). */
export function callRecorder(log: Logger, metrics: Pick<Metrics, 'mcpToolCalls'> | null): CallListener {
  return ({ tool, outcome, ms, argumentNames }) => {
    metrics?.mcpToolCalls.inc({ tool, outcome });
    log.info({ tool, outcome, ms, arguments: argumentNames }, 'MCP tool call');
  };
}

export function bridgeMcp(o: { config: Config; log: Logger; metrics: Metrics; version: string; hostNames: readonly string[] | null }) {
  return (answers: express.Express, direct: DirectAnswers): express.Router =>
    mcpRoute({
      twin: mcpServerFactory({
        ask: inProcessAnswers(answers, direct),
        allowed: o.config.mcp.tools,
        person: { currency: o.config.currency, timezone: o.config.timezone },
        version: o.version,
        onCall: callRecorder(o.log, o.metrics),
      }),
      origins: { corsOrigins: o.config.corsOrigins, hostNames: o.hostNames },
      log: o.log,
    });
}
