/** Retry schedule of the webhook outbox: exponential, capped, with bounded jitter. */
import { describe, expect, it } from 'vitest';
import { buildWatch } from '../../src/cli/commands/watch.ts';
import { backoffDelay, DEFAULT_DELIVERY_POLICY, outboxFor } from '../../src/incidents/deliver.ts';

const policy = { ...DEFAULT_DELIVERY_POLICY, baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('webhook backoff', () => {
  it('doubles after each failure, between half and all of the full delay, up to the cap', () => {
    for (const [attempt, full] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [6, 32_000],
      [7, 60_000],
      [30, 60_000],
    ] as const) {
      expect(backoffDelay(attempt, policy, () => 0)).toBe(full / 2);
      expect(backoffDelay(attempt, policy, () => 0.999_999)).toBe(full);
      const d = backoffDelay(attempt, policy);
      expect(d).toBeGreaterThanOrEqual(full / 2);
      expect(d).toBeLessThanOrEqual(full);
    }
  });

  it('gives one delivery per watch with a webhook, with the same id for the same articles', () => {
    const hooked = buildWatch('AIIMS', { webhook: 'https://hooks.example.org/x' });
    const plain = buildWatch('fire', {});
    const at = '2024-01-01T00:00:00.000Z';
    const n = (w: typeof plain, id: string) => ({
      watchId: w.id,
      articleId: id,
      title: id,
      language: 'eng' as const,
      at,
    });
    const make = outboxFor([hooked, plain], at);
    const [d, ...rest] = make([n(hooked, 'b'), n(hooked, 'a'), n(plain, 'a')]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ watchId: hooked.id, state: 'pending', attempts: 0, nextAttemptAt: at });
    expect(d!.id).toMatch(/^d-[0-9a-f]{20}$/);
    expect(make([n(hooked, 'a'), n(hooked, 'b')])[0]!.id).toBe(d!.id);
    expect(make([n(hooked, 'a')])[0]!.id).not.toBe(d!.id);
  });
});
