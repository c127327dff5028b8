/**
 * The in-process driver stores what it has read when its source goes quiet, instead of holding a partial
 * batch until more documents arrive. Two crawl workers on one shared frontier each held a partial batch,
 * and each waited for the other's articles to be stored before it would finish: neither did.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InProcessDriver } from '../../src/driver/in-process.ts';
import type { DocumentOutcome, SourceDocument } from '../../src/pipeline/document.ts';
import type { SourceItem } from '../../src/sources/files.ts';
import { tempSqliteStore } from './bullmq-helpers.ts';

const examples = new URL('../../examples/', import.meta.url);
const doc = (f: string): SourceDocument => ({
  source: f,
  content: readFileSync(new URL(f, examples)),
  format: 'html',
});

describe('in-process driver with a quiet source', () => {
  it('stores the documents it has read while the source stays open, then the rest when it ends', async () => {
    const t = await tempSqliteStore('idle');
    const driver = new InProcessDriver(t.store, { batchSize: 100 });
    const outcomes: DocumentOutcome[] = [];
    let release!: () => void;
    const quiet = new Promise<void>((r) => (release = r));
    async function* source(): AsyncGenerator<SourceItem> {
      yield { doc: doc('hi-khabarlok-aiims-server-down.html') };
      yield { doc: doc('en-indiawire-aiims-ehospital-restored.html') };
      await quiet; // a crawl waiting for other workers: nothing more for now, the source not ended
      yield { doc: doc('hi-dainiksamvad-aiims-ifso-case.html') };
    }
    try {
      const run = driver.ingest(source(), (o) => outcomes.push(o));
      // Far fewer than a batch, yet both are stored and reported while the source is still open.
      const end = Date.now() + 60_000;
      while (outcomes.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(outcomes.map((o) => [o.source, o.disposition])).toEqual([
        ['hi-khabarlok-aiims-server-down.html', 'created'],
        ['en-indiawire-aiims-ehospital-restored.html', 'created'],
      ]);
      expect(await t.store.count()).toBe(2);
      release();
      const summary = await run;
      expect(summary.counts).toMatchObject({ created: 3, failed: 0, rejected: 0 });
      expect(await t.store.count()).toBe(3);
    } finally {
      await driver.close();
      await t.destroy();
    }
  }, 120_000);
});
