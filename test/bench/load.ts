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

export async function load(o: { url: string; connections: number; seconds: number }): Promise<LoadResult> {
  const r = await autocannon({ url: o.url, connections: o.connections, duration: o.seconds, pipelining: 1, timeout: 10 });
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
