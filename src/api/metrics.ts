/**
 * Prometheus metrics in the text exposition format (0.0.4), without a client library: request counts and
 * latency by route, exported records, stored articles by language (read at scrape time) and process gauges.
 */

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const labelValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labels = (l: Record<string, string>) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${labelValue(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** The API's metrics registry. */
export class ApiMetrics {
  readonly #requests = new Map<string, { labels: Record<string, string>; n: number }>();
  readonly #latency = new Map<string, { labels: Record<string, string>; h: Histogram }>();
  #exported = new Map<string, number>();
  readonly #started = Date.now();

  /** Record one finished HTTP request. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const l = { method, route, status: String(status) };
    const key = `${method} ${route} ${status}`;
    const c = this.#requests.get(key) ?? { labels: l, n: 0 };
    c.n++;
    this.#requests.set(key, c);
    const lk = `${method} ${route}`;
    const h = this.#latency.get(lk) ?? {
      labels: { method, route },
      h: { counts: BUCKETS.map(() => 0), sum: 0, count: 0 },
    };
    for (const [i, b] of BUCKETS.entries()) if (seconds <= b) h.h.counts[i]!++;
    h.h.sum += seconds;
    h.h.count++;
    this.#latency.set(lk, h);
  }

  /** Count records sent by an export. */
  observeExport(format: string, records: number): void {
    this.#exported.set(format, (this.#exported.get(format) ?? 0) + records);
  }

  /** The exposition text; `articles` are stored-article counts by language, read by the caller. */
  render(articles?: Record<string, number>): string {
    const out: string[] = [];
    const head = (name: string, type: string, help: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    head('khabar_http_requests_total', 'counter', 'HTTP requests answered, by method, route and status.');
    for (const c of this.#requests.values()) out.push(`khabar_http_requests_total${labels(c.labels)} ${c.n}`);
    head('khabar_http_request_duration_seconds', 'histogram', 'HTTP request latency by method and route.');
    for (const { labels: l, h } of this.#latency.values()) {
      for (const [i, b] of BUCKETS.entries())
        out.push(
          `khabar_http_request_duration_seconds_bucket${labels({ ...l, le: String(b) })} ${h.counts[i]}`,
        );
      out.push(`khabar_http_request_duration_seconds_bucket${labels({ ...l, le: '+Inf' })} ${h.count}`);
      out.push(`khabar_http_request_duration_seconds_sum${labels(l)} ${h.sum}`);
      out.push(`khabar_http_request_duration_seconds_count${labels(l)} ${h.count}`);
    }
    head('khabar_export_records_total', 'counter', 'Records sent by API exports, by format.');
    for (const [format, n] of this.#exported)
      out.push(`khabar_export_records_total${labels({ format })} ${n}`);
    if (articles) {
      head('khabar_articles', 'gauge', 'Articles in the store, by language.');
      for (const [language, n] of Object.entries(articles))
        out.push(`khabar_articles${labels({ language })} ${n}`);
    }
    const mem = process.memoryUsage();
    head('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.');
    out.push(`process_resident_memory_bytes ${mem.rss}`);
    head('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use, bytes.');
    out.push(`nodejs_heap_used_bytes ${mem.heapUsed}`);
    head('process_uptime_seconds', 'gauge', 'Seconds since the API started.');
    out.push(`process_uptime_seconds ${(Date.now() - this.#started) / 1000}`);
    return `${out.join('\n')}\n`;
  }
}
