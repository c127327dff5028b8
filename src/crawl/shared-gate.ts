/**
 * Per-host politeness across crawl workers: the local gate keeps this process's per-host concurrency, and
 * every request also reserves the host's next slot in Redis (src/redis/host-slot.ts), so all workers
 * together keep the host's delay (config, or robots.txt Crawl-delay) and a Retry-After back-off seen by one
 * worker holds for all.
 */
import type { Redis } from 'ioredis';
import { blockHost, reserveSlot } from '../redis/host-slot.ts';
import type { Gate, HostGate } from './host-gate.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SharedHostGate implements Gate {
  readonly #local: HostGate;
  readonly #redis: Redis;
  readonly #base: string;

  /** `base`: key prefix of the shared frontier (hosts are per deployment, not per frontier). */
  constructor(local: HostGate, redis: Redis, base: string) {
    this.#local = local;
    this.#redis = redis;
    this.#base = base;
  }

  #keys(host: string) {
    const h = host.toLowerCase();
    return { slot: `${this.#base}:host-slot:${h}`, block: `${this.#base}:host-block:${h}` };
  }

  async acquire(host: string): Promise<() => void> {
    const release = await this.#local.acquire(host);
    try {
      for (;;) {
        const wait = await reserveSlot(this.#redis, this.#keys(host), this.#local.delayOf(host));
        if (wait <= 0) return release;
        await sleep(wait);
      }
    } catch (e) {
      release();
      throw e;
    }
  }

  backoff(host: string, ms: number): void {
    this.#local.backoff(host, ms);
    // Best effort: if Redis is briefly unreachable the local back-off still holds for this worker.
    blockHost(this.#redis, this.#keys(host).block, ms).catch(() => {});
  }

  setDelay(host: string, ms: number): void {
    this.#local.setDelay(host, ms);
  }

  delayOf(host: string): number {
    return this.#local.delayOf(host);
  }
}
