// The OpenAPI 3.1 document, generated from the same zod schemas that type the responses and that
// the plugin compiles against: one source of truth.
import { z } from 'zod';
import { SETTINGS } from '../config/settings';
import {
  ErrorResponse,
  FinanceResponse,
  HealthResponse,
  HistoryEntity,
  HistoryResponse,
  LiveResponse,
  ReadyResponse,
  StatusResponse,
} from './responses';

const schemas = { StatusResponse, HealthResponse, FinanceResponse, HistoryResponse, LiveResponse, ReadyResponse, ErrorResponse };

const formatParam = {
  name: 'format',
  in: 'query',
  required: false,
  description: 'json or text; both answer JSON (n8n asks for text and reads response_text)',
  schema: { type: 'string', enum: ['json', 'text'] },
};

const ref = (name: keyof typeof schemas) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof schemas, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });

function operation(summary: string, ok: keyof typeof schemas, params: object[], extra: Record<string, object> = {}) {
  const op = {
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
      ...extra,
    },
  };
  const { requestBody: _unused, ...get } = op;
  void _unused;
  return { get, post: op };
}

let cached: object | null = null;

export function openApiDocument(version: string): object {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Digital Twin bridge',
      version,
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
      '/status': operation('The whole twin: state, key figures and the briefing text', 'StatusResponse', [formatParam]),
      '/health': operation('Body composition and training', 'HealthResponse', [formatParam]),
      '/finance': operation('Month-to-date money and budget alerts', 'FinanceResponse', [formatParam]),
      '/history': operation('Recorded state transitions, newest first', 'HistoryResponse', [
        formatParam,
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 20 } },
        { name: 'entity', in: 'query', required: false, schema: { type: 'string', enum: HistoryEntity.options } },
        { name: 'cursor', in: 'query', required: false, description: 'next_cursor of the previous page', schema: { type: 'string' } },
      ], { '503': json('ErrorResponse', 'The history table is not available') }),
      '/health/live': operation('Liveness: the process answers (never needs the key)', 'LiveResponse', [formatParam]),
      '/health/ready': operation('Readiness: every source answers', 'ReadyResponse', [formatParam], {
        '503': json('ReadyResponse', 'One or more sources are down; `down` names them'),
      }),
    },
    'x-settings': SETTINGS.map((s) => ({ env: s.env, flag: `--${s.flag}`, default: s.defaultText })),
  };
  return cached;
}
