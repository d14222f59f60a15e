// The OpenAPI 3.1 document, generated from the same zod schemas that type the responses and that
// the plugin compiles against: one source of truth.
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import { SETTINGS } from '../config/settings';
import {
  DomainHealthResponse,
  ErrorResponse,
  FinanceResponse,
  HealthResponse,
  HistoryEntity,
  HistoryResponse,
  LiveResponse,
  ReadyResponse,
  StatusResponse,
} from './responses';
import { TransitionPayload } from './webhook-payload';
import { InsightsResponse } from './insights';
import { FinanceAlertsResponse, ForecastResponse, PantryResponse, WorkoutResponse } from './n8n-responses';
import { WeeklyReviewResponse } from './weekly-review';
import { MonthDetailsResponse } from './month-details';

const schemas = { InsightsResponse, StatusResponse, HealthResponse, FinanceResponse, HistoryResponse, DomainHealthResponse, LiveResponse, ReadyResponse, ErrorResponse, WorkoutResponse, ForecastResponse, PantryResponse, FinanceAlertsResponse, WeeklyReviewResponse, MonthDetailsResponse };

const formatParam = {
  name: 'format',
  in: 'query',
  required: false,
  description: 'json or text; both answer JSON (n8n asks for text and reads response_text)',
  schema: { type: 'string', enum: ['json', 'text'] },
};

const dateParam = {
  name: 'date',
  in: 'query',
  required: false,
  description:
    'a day, YYYY-MM-DD in the twin\'s zone (default: today): the answer as it stood at the end of that day, from the rows dated up to it; a day after today, one that does not exist or a malformed value is a 400',
  schema: { type: 'string', format: 'date' },
};

const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof schemas, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });

// Each path answers GET and POST alike; `name` makes their operationIds (`getStatus`, `postStatus`),
// which client generators and n8n's OpenAPI import name their calls after.
function operation(name: Capitalize<string>, summary: string, ok: keyof typeof schemas, params: object[], extra: Record<string, object> = {}) {
  const op = {
    operationId: `post${name}`,
    summary,
    parameters: params,
    requestBody: {
      required: false,
      description: 'POST carries the same parameters as the query string, as a JSON object (or an array holding one)',
      content: { 'application/json': { schema: { type: ['object', 'array'] } } },
    },
    responses: {
      '200': json(ok, 'OK'),
      '400': json('ErrorResponse', 'A parameter or the body is not valid; the message says what is allowed'),
      '401': json('ErrorResponse', 'DIGITAL_TWIN_API_KEY is set and the request did not carry it'),
      '421': json('ErrorResponse', 'The Host header does not name this bridge (listening on loopback; see TWIN_ALLOWED_HOSTS)'),
      '429': json('ErrorResponse', 'Too many wrong keys from this address (listening beyond loopback); refused for an hour, see Retry-After'),
      ...extra,
    },
  };
  const { requestBody: _unused, ...rest } = op;
  void _unused;
  return { get: { ...rest, operationId: `get${name}` }, post: op };
}

const insightsOperation = operation('Insights', 'Trends, training progress, spending against its own baseline, pantry run-out and links between domains', 'InsightsResponse', [formatParam, dateParam]);
const sourceDown = { '503': json('ErrorResponse', 'A database it reads did not answer; the report says which') };

let cached: object | null = null;

export function openApiDocument(version: string): object {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Digital Twin bridge',
      version,
      license: { name: packageJson.license, identifier: packageJson.license },
      description: 'Finance, training and pantry state of one person, for an Obsidian plugin, dashboards and n8n.',
    },
    servers: [{ url: 'http://127.0.0.1:5677' }],
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' })])),
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-KEY' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{}, { apiKey: [] }, { bearer: [] }],
    paths: {
      '/status': operation('Status', 'The whole twin: state, key figures and the briefing text', 'StatusResponse', [formatParam, dateParam]),
      '/health': operation('Health', 'Body composition and training', 'HealthResponse', [formatParam, dateParam]),
      '/finance': operation('Finance', 'Month-to-date money and budget alerts', 'FinanceResponse', [formatParam, dateParam]),
      '/history': operation('History', 'Recorded state transitions, newest first', 'HistoryResponse', [
        formatParam,
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 20 } },
        { name: 'entity', in: 'query', required: false, schema: { type: 'string', enum: HistoryEntity.options } },
        { name: 'cursor', in: 'query', required: false, description: 'next_cursor of the previous page', schema: { type: 'string' } },
        {
          name: 'since',
          in: 'query',
          required: false,
          description: 'only rows created at or after this ISO 8601 timestamp with a zone, e.g. 2026-11-01T00:00:00+01:00',
          schema: { type: 'string', format: 'date-time' },
        },
        {
          name: 'until',
          in: 'query',
          required: false,
          description: 'only rows created before this ISO 8601 timestamp with a zone; not before since',
          schema: { type: 'string', format: 'date-time' },
        },
      ], { '503': json('ErrorResponse', 'The history table is not available') }),
      '/insights': insightsOperation,
      '/workout': operation('Workout', 'The last 5 sessions and the progression of each exercise (weight and time under tension)', 'WorkoutResponse', [formatParam, dateParam], sourceDown),
      '/forecast': operation('Forecast', 'Outflow of the next 30 days: median and ranges of the recent 30-day periods', 'ForecastResponse', [formatParam, dateParam], sourceDown),
      '/pantry': operation('Pantry', 'Low stock, expiring food and run-out dates', 'PantryResponse', [formatParam, dateParam]),
      '/finance/alerts': operation('FinanceAlerts', 'The rows of get_current_budget_alerts(), alone', 'FinanceAlertsResponse', [formatParam, dateParam]),
      '/finance/details': operation(
        'FinanceDetails',
        "One month's income, expense and net, its 5 largest expenses, its budgets and breaches, and its alerts on its last day",
        'MonthDetailsResponse',
        [
          formatParam,
          { name: 'month', in: 'query', required: false, description: '1 to 12 (default: this month, in the configured time zone); a month that has not begun gets a 400', schema: { type: 'integer', minimum: 1, maximum: 12 } },
          { name: 'year', in: 'query', required: false, description: 'four digits (default: this year); needs month', schema: { type: 'integer', minimum: 1900, maximum: 9999 } },
        ],
        sourceDown,
      ),
      '/review/week': operation(
        'WeeklyReview',
        'This week against last week and the same week a year ago, across the three domains', 'WeeklyReviewResponse', [
          formatParam,
          { name: 'date', in: 'query', required: false, description: 'a day of the week to review, YYYY-MM-DD (default: today); the review runs Monday to that day', schema: { type: 'string', format: 'date' } },
        ],
        sourceDown,
      ),
      '/health/domain/{name}': operation(
        'DomainHealth',
        "One domain's state for troubleshooting: status, error, as_of, last success, failures in a row",
        'DomainHealthResponse',
        [{ name: 'name', in: 'path', required: true, schema: { type: 'string', enum: ['health', 'finance', 'pantry'] } }, formatParam],
        { '404': json('ErrorResponse', 'No domain of that name') },
      ),
      '/health/live': operation('Liveness', 'Liveness: the process answers (never needs the key)', 'LiveResponse', [formatParam]),
      '/health/ready': operation('Readiness', 'Readiness: every source answers', 'ReadyResponse', [formatParam], {
        '503': json('ReadyResponse', 'One or more sources are down; `down` names them'),
      }),
      '/docs': {
        get: {
          operationId: 'getDocs',
          summary: 'This reference, interactive (Swagger UI served by the bridge, no internet needed); a browser may give the key as the password of its login dialog',
          responses: {
            '200': { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
            '401': json('ErrorResponse', 'DIGITAL_TWIN_API_KEY is set and the request did not carry it'),
          },
        },
      },
    },
    // What the bridge POSTs to TWIN_WEBHOOK_URL (OpenAPI 3.1 webhooks: requests the API makes).
    webhooks: {
      transition: {
        post: {
          operationId: 'postTransition',
          summary: 'A recorded transition, or a domain that became degraded or came back, pushed to TWIN_WEBHOOK_URL',
          description:
            'Sent at least once, oldest first (so in order per entity), retried with capped back-off until the receiver answers 2xx. ' +
            'Deduplicate by `id`. With TWIN_WEBHOOK_SECRET set, X-Twin-Signature is sha256=<hex HMAC-SHA256 of the raw body>.',
          parameters: [
            { name: 'X-Twin-Event', in: 'header', required: true, schema: { type: 'string', enum: ['transition', 'domain_status'] } },
            { name: 'X-Twin-Delivery', in: 'header', required: true, description: 'the body\'s id', schema: { type: 'string' } },
            { name: 'X-Twin-Signature', in: 'header', required: false, description: 'sha256=<hex>, when a secret is set', schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(TransitionPayload, { io: 'output', unrepresentable: 'any' }) } } },
          responses: { '200': { description: 'Any 2xx marks the transition delivered; anything else, or no answer in time, is retried' } },
        },
      },
    },
    'x-settings': SETTINGS.map((s) => ({ env: s.env, flag: `--${s.flag}`, default: s.defaultText })),
  };
  return cached;
}
