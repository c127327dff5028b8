/**
 * A crawl worker: one of several, on any machines, sharing one frontier in Redis (`khabar crawl --driver
 * bullmq`). Its articles go to the analyze queue for the analyze and index workers.
 * Usage: REDIS_URL=redis://… node --import tsx workers/crawl.ts SITE_CONFIG|URL... [crawl options]
 */
import { main } from '../src/cli/main.ts';

process.exitCode = await main([
  process.argv[0]!,
  'khabar',
  'crawl',
  '--driver',
  'bullmq',
  ...process.argv.slice(2),
]);
