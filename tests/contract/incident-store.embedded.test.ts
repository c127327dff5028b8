import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { SqliteIncidentStore } from '../../src/store/incidents/sqlite-incident-store.ts';
import { incidentStoreContract } from './incident-store-contract.ts';

const dirs = new Map<object, string>();

incidentStoreContract({
  name: 'embedded SQLite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-incidents-'));
    const articles = new SqliteStore(join(dir, 'khabar.db'));
    await articles.init();
    // Own tables in the same database file, through the article store's connection.
    const incidents = new SqliteIncidentStore(articles.db);
    await incidents.init();
    dirs.set(articles, dir);
    return { articles, incidents };
  },
  async destroy({ articles }) {
    await articles.close();
    rmSync(dirs.get(articles)!, { recursive: true, force: true });
  },
});
