import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/embedded/sqlite-store.ts';
import { storeContract } from './store-contract.ts';

const dirs = new Map<object, string>();

storeContract({
  name: 'embedded SQLite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-store-'));
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
