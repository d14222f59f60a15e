// One autocannon measurement, reduced to the figures the benchmark and the soak report.
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  seconds: number;
}

/** A request other than a plain GET: a JSON-RPC message posted to /mcp, say. */
export interface LoadRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export async function load(o: { url: string; connections: number; seconds: number; request?: LoadRequest }): Promise<LoadResult> {
  const r = await autocannon({ url: o.url, connections: o.connections, duration: o.seconds, pipelining: 1, timeout: 10, ...o.request });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    seconds: r.duration,
  };
}
