/**
 * Per-host politeness: at most N requests in flight per host, at least `delay` between request starts, and
 * a back-off window after 429/503 (Retry-After) during which nobody touches the host.
 */

interface HostState {
  active: number;
  concurrency: number;
  nextAt: number;
  blockedUntil: number;
  delayMs: number;
  baseDelayMs: number;
  wake: (() => void)[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface GateOptions {
  perHostConcurrency: number;
  delayMs: number;
}

/** What the HTTP client and robots.txt handling need of a gate (this one, or one shared through Redis). */
export interface Gate {
  /** Wait for a slot on `host`; call the returned function when the request is done. */
  acquire(host: string): Promise<() => void>;
  /** Keep everyone off `host` for `ms` (Retry-After, or back-off after errors). */
  backoff(host: string, ms: number): void;
  /** A robots.txt Crawl-delay raises the host's delay (never lowers it below the configured one). */
  setDelay(host: string, ms: number): void;
  delayOf(host: string): number;
}

export class HostGate implements Gate {
  readonly #hosts = new Map<string, HostState>();
  readonly #options: GateOptions;

  constructor(options: GateOptions) {
    this.#options = options;
  }

  #state(host: string): HostState {
    let s = this.#hosts.get(host);
    if (!s) {
      s = {
        active: 0,
        concurrency: this.#options.perHostConcurrency,
        nextAt: 0,
        blockedUntil: 0,
        delayMs: this.#options.delayMs,
        baseDelayMs: this.#options.delayMs,
        wake: [],
      };
      this.#hosts.set(host, s);
    }
    return s;
  }

  /** Per-host settings (from the site that owns the host). */
  configure(host: string, options: GateOptions): void {
    const s = this.#state(host);
    s.concurrency = options.perHostConcurrency;
    s.delayMs = options.delayMs;
    s.baseDelayMs = options.delayMs;
  }

  /** A robots.txt Crawl-delay raises the host's delay (never lowers it below the configured one). */
  setDelay(host: string, ms: number): void {
    const s = this.#state(host);
    s.delayMs = Math.max(s.baseDelayMs, ms);
  }

  delayOf(host: string): number {
    return this.#state(host).delayMs;
  }

  /** Keep everyone off `host` for `ms` (Retry-After, or back-off after errors). */
  backoff(host: string, ms: number): void {
    const s = this.#state(host);
    s.blockedUntil = Math.max(s.blockedUntil, Date.now() + ms);
  }

  /** Wait for a slot on `host`; call the returned function when the request is done. */
  async acquire(host: string): Promise<() => void> {
    const s = this.#state(host);
    for (;;) {
      if (s.active >= s.concurrency) {
        await new Promise<void>((r) => s.wake.push(r));
        continue;
      }
      const wait = Math.max(s.nextAt, s.blockedUntil) - Date.now();
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      break;
    }
    s.active++;
    s.nextAt = Date.now() + s.delayMs;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      s.active--;
      s.wake.shift()?.();
    };
  }
}
