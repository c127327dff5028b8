/**
 * The IncidentStore contract: one suite, run unchanged against every implementation
 * (tests/contract/incident-store.*.test.ts). Each store gets the real fixture corpus (tests/fixtures/incidents)
 * through the article store and the incident service, in two batches, with watches in between.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWatch } from '../../src/cli/commands/watch.ts';
import type { Article } from '../../src/core/types.ts';
import { digestArticle } from '../../src/incidents/digest.ts';
import { clusters } from '../../src/incidents/grouping.ts';
import { IncidentService } from '../../src/incidents/service.ts';
import type { IncidentStore } from '../../src/store/incidents/types.ts';
import type { ArticleStore } from '../../src/store/types.ts';
import { loadIncidentCorpus, loadIncidentGold } from '../eval/incidents.ts';
import { outboxContract } from './incident-store-outbox.ts';

export interface IncidentStoreFactory {
  name: string;
  /** A fresh, empty article store and incident store sharing one database. */
  create(): Promise<{ articles: ArticleStore; incidents: IncidentStore }>;
  destroy?(stores: { articles: ArticleStore; incidents: IncidentStore }): Promise<void>;
}

const CUTOFF = '2022-11-26';

/**
 * Gold members the engine leaves out by design: a Hindi restoration story whose headline ("दो हफ्ते बाद एम्स
 * की ई-हॉस्पिटल सेवा बहाल") names no incident. Typing is decided by the headline and lead and is usually
 * "none" (issue 13), so it is not an incident report and joins no incident. The fixture eval (`npm run
 * eval`) still counts it against the engine: the gold file is unchanged.
 */
const NOT_GROUPED = ['aiims22-09-hi-dainiksamvad.html'];

export function incidentStoreContract(factory: IncidentStoreFactory): void {
  describe(`IncidentStore contract: ${factory.name}`, () => {
    let stores: { articles: ArticleStore; incidents: IncidentStore };
    let corpus: Map<string, Article>;
    let fileOf: Map<string, string>;
    let feedDir: string;
    let hook: Server;
    let hookUrl: string;
    const received: unknown[] = [];
    let hookCalls = 0;
    const first: Article[] = [];
    const second: Article[] = [];
    let service: IncidentService;

    beforeAll(async () => {
      corpus = loadIncidentCorpus();
      fileOf = new Map([...corpus].map(([f, a]) => [a.id, f]));
      for (const a of corpus.values()) (a.published! < CUTOFF ? first : second).push(a);
      stores = await factory.create();
      feedDir = mkdtempSync(join(tmpdir(), 'khabar-feeds-'));
      // A real webhook receiver that fails the first delivery: the service must retry.
      hook = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          hookCalls++;
          if (hookCalls === 1) {
            res.writeHead(503).end('try again');
            return;
          }
          received.push(JSON.parse(body));
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
      hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      service = new IncidentService(stores.incidents, {
        feedDir,
        // Loopback receiver: the --allow-private opt-in; quick retries, waited for.
        webhook: { policy: { baseDelayMs: 20, maxDelayMs: 100 }, waitMs: 10_000, allowPrivate: true },
      });
      await stores.articles.upsertMany(first);
      await stores.articles.refresh();
      await service.process(first);
    });
    afterAll(async () => {
      await new Promise<void>((r) => hook.close(() => r()));
      await factory.destroy?.(stores);
      await stores.incidents.close();
      await stores.articles.close();
      rmSync(feedDir, { recursive: true, force: true });
    });

    const aiims = async () => {
      const { incidents } = await stores.incidents.listIncidents({ limit: 100 });
      const hit = incidents.find((i) => i.firstSeen?.startsWith('2022-11-23') && i.type === 'cyberattack');
      expect(hit).toBeDefined();
      return (await stores.incidents.getIncident(hit!.id))!;
    };

    it('groups the first reports of the AIIMS attack, Hindi and English, into one incident', async () => {
      const r = await aiims();
      const files = r.sources.map((s) => fileOf.get(s.articleId)).sort();
      expect(files).toEqual(
        [...corpus.keys()].filter((f) => f.startsWith('aiims22-') && corpus.get(f)!.published! < CUTOFF),
      );
      expect(new Set(r.sources.map((s) => s.language))).toEqual(new Set(['hin', 'eng']));
      // The wire copy is a copy, not a second confirmation.
      expect(r.sources.filter((s) => s.copyOf)).toHaveLength(1);
      expect(r.storyCount).toBe(r.articleCount - 1);
      expect(r.title.eng).toMatch(/AIIMS.*23 Nov 2022/);
      expect(r.title.hin).toMatch(/एम्स.*23 नवंबर 2022/);
    });

    it('follows watches: a saved search and an incident follow are told of new articles, once', async () => {
      const before = await aiims();
      const query = buildWatch('AIIMS', { webhook: hookUrl });
      const follow = buildWatch(undefined, { incident: before.id });
      await stores.incidents.addWatch(query);
      await stores.incidents.addWatch(follow);
      expect((await stores.incidents.listWatches()).map((w) => w.id).sort()).toEqual(
        [query.id, follow.id].sort(),
      );

      await stores.articles.upsertMany(second);
      await stores.articles.refresh();
      const r = await service.process(second);
      const files = (id: string) =>
        r.notifications
          .filter((n) => n.watchId === id)
          .map((n) => fileOf.get(n.articleId)!)
          .sort();
      const aiimsLater = second
        .map((a) => fileOf.get(a.id)!)
        .filter((f) => f.startsWith('aiims'))
        .sort();
      expect(files(query.id)).toEqual(aiimsLater);
      // The follow hears of the follow-ups, not of the separate outage months later.
      expect(files(follow.id)).toEqual(
        aiimsLater.filter((f) => f.startsWith('aiims22-') && !NOT_GROUPED.includes(f)),
      );

      const feed = readFileSync(join(feedDir, `${follow.id}.atom`), 'utf8');
      expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      expect(feed.match(/<entry>/g)).toHaveLength(files(follow.id).length);
      expect(feed).toContain('https://indiawire.news/health/aiims-e-hospital-restored-two-weeks-20221207');
      // The webhook failed once, stayed in the outbox and was retried.
      expect(r.webhooks).toEqual([
        expect.objectContaining({ watchId: query.id, state: 'delivered', attempts: 2, lastStatus: 204 }),
      ]);
      expect(received).toHaveLength(1);
      expect((received[0] as { notifications: unknown[] }).notifications).toHaveLength(aiimsLater.length);

      const again = await service.process(second);
      expect(again.notifications).toEqual([]);
      expect(await stores.incidents.notifications(follow.id)).toHaveLength(files(follow.id).length);
    });

    it('extends the incident with follow-ups and keeps the separate outage apart', async () => {
      const r = await aiims();
      const gold = loadIncidentGold().incidents.find((g) => g.key === 'aiims-cyberattack-2022')!;
      expect(r.sources.map((s) => fileOf.get(s.articleId)).sort()).toEqual(
        gold.articles.filter((f) => !NOT_GROUPED.includes(f)).sort(),
      );
      expect(r.timeline.map((e) => e.kind)).toContain('restored');
      expect(r.status.value).toBe('restored');
      // "more than 11 hours" on day one, "two weeks" at restoration: both kept, the newest resolves.
      expect(r.duration).toMatchObject({ conflict: true, rule: 'newest', value: 'P2W' });
      expect(r.duration.claims.map((c) => c.value).sort()).toEqual(['P2W', 'PT11H']);
      expect(r.end.value).toBe('2022-12-07');
      const { total, incidents } = await stores.incidents.listIncidents({ limit: 100 });
      // The store holds exactly the incidents the engine forms from these articles (its grouping quality
      // against the gold is measured by `npm run eval`, not asserted here).
      const engine = clusters(
        [...first, ...second].map(digestArticle).filter((d): d is NonNullable<typeof d> => d !== undefined),
      );
      expect(total).toBe(engine.length);
      expect(total).toBeGreaterThanOrEqual(loadIncidentGold().incidents.length);
      expect(incidents.filter((i) => i.title.eng.includes('AIIMS'))).toHaveLength(2);
      expect((await stores.incidents.listIncidents({ type: 'fire' })).total).toBe(1);
      expect(
        (await stores.incidents.listIncidents({ from: '2023-07-01' })).incidents.map((i) => i.type).sort(),
      ).toEqual(['rail-accident', 'service-outage']);
    });

    it('keeps evidence for every claim and resolves old ids of merged incidents', async () => {
      const r = await aiims();
      for (const c of [...r.targets, ...r.actions, ...r.start.claims]) {
        expect(c.evidence.length).toBeGreaterThan(0);
        for (const e of c.evidence) expect(r.sources.map((s) => s.articleId)).toContain(e.articleId);
      }
      expect(await stores.incidents.resolveId(r.id)).toBe(r.id);
      expect(await stores.incidents.getIncident('inc-none')).toBeUndefined();
      const member = await stores.incidents.getDigest(r.sources[0]!.articleId);
      expect(member?.incidentId).toBe(r.id);
    });

    it('removes watches with their notifications', async () => {
      const ws = await stores.incidents.listWatches();
      for (const w of ws) expect(await stores.incidents.removeWatch(w.id)).toBe(true);
      expect(await stores.incidents.removeWatch(ws[0]!.id)).toBe(false);
      expect(await stores.incidents.listWatches()).toEqual([]);
      expect(await stores.incidents.notifications(ws[0]!.id)).toEqual([]);
      expect(existsSync(feedDir)).toBe(true);
    });

    outboxContract(() => stores.incidents);
  });
}
