import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { apiContract } from './api-contract.ts';

const dirs = new Map<object, string>();

apiContract({
  name: 'embedded SQLite',
  kind: 'embedded',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-api-store-'));
    const store = new SqliteStore(join(dir, 'khabar.db'));
    dirs.set(store, dir);
    await store.init();
    return store;
  },
  async destroy(store) {
    await store.close();
    rmSync(dirs.get(store)!, { recursive: true, force: true });
  },
});
