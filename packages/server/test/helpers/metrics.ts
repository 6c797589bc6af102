// Scrapes /metrics of a running node and parses it with the strict exposition parser.
import { parseExposition, sampleValue, type MetricFamily } from '@raftbus/metrics-prometheus';

export async function scrape(url: string, timeoutMs = 3000): Promise<Map<string, MetricFamily>> {
  const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  if (res.status !== 200) throw new Error(`${url}/metrics: HTTP ${res.status}`);
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/plain; version=0.0.4')) throw new Error(`${url}/metrics: content-type ${type}`);
  return parseExposition(await res.text());
}

export async function metricValue(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const v = sampleValue(await scrape(url), name, labels);
  if (v === undefined) throw new Error(`${url}: no series ${name}${JSON.stringify(labels)}`);
  return v;
}

/** Poll `probe` until it returns true (bounded). */
export async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 10_000, everyMs = 100): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      if (await probe()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
