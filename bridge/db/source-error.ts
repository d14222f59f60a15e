// A readable reason for a source failure, for the degraded domain and the readiness probe.
export class SourceTimeoutError extends Error {
  constructor(source: string, ms: number) {
    super(`${source} database did not answer within ${ms} ms`);
  }
}

const PG_CODES: Record<string, string> = {
  '57014': 'query cancelled by the statement timeout',
  '57P01': 'the database server is shutting down',
  '57P03': 'the database server is starting up',
  '3D000': 'the database does not exist',
  '28P01': 'password authentication failed',
  '28000': 'the role is not allowed to connect',
  '42P01': 'a table or view the twin reads is missing',
  '42703': 'a column the twin reads is missing',
  '53300': 'too many connections',
};

export function describeSourceError(source: string, err: unknown): string {
  if (err instanceof SourceTimeoutError) return err.message;
  const e = err as { code?: string; message?: string; address?: string; port?: number };
  const where = e.address ? ` at ${e.address}${e.port ? `:${e.port}` : ''}` : '';
  if (e.code === 'ECONNREFUSED') return `${source} database unreachable (connection refused${where})`;
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `${source} database host not found`;
  if (e.code === 'ETIMEDOUT' || e.code === 'ECONNRESET') return `${source} database connection lost (${e.code}${where})`;
  const known = e.code ? PG_CODES[e.code] : undefined;
  const detail = known ? `${known}: ${e.message ?? ''}` : (e.message ?? String(err));
  if (/timeout/i.test(detail)) return `${source} database did not answer in time (${detail})`;
  return `${source} database error: ${detail}`.trim();
}

export function withTimeout<T>(work: Promise<T>, ms: number, source: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceTimeoutError(source, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** A read that failed, already described with the database it was reading (for figures that read several). */
export class SourceFailure extends Error {}
