import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMissing, needsBrowser, planTools, TOOLS } from '../../scripts/ensure-tools.mjs';

const base = { services: true, browser: true, isRoot: true, hasApt: true };

describe('ensure-tools: what npm test installs on a bare machine', () => {
  it('does nothing when every tool is there', () => {
    expect(planTools({ ...base, missing: [] })).toEqual({ action: 'none' });
  });

  it('installs the missing packages with apt-get as root, each once', () => {
    expect(planTools({ ...base, missing: ['redis-server', 'java', 'javac', 'Devanagari font'] })).toEqual({
      action: 'install',
      packages: ['redis-server', 'default-jdk-headless', 'fonts-lohit-deva'],
    });
  });

  it('installs only what this run needs', () => {
    const all = TOOLS.map((t) => t.name);
    expect(planTools({ ...base, missing: all, services: false })).toEqual({
      action: 'install',
      packages: ['chromium', 'fonts-lohit-deva'],
    });
    expect(planTools({ ...base, missing: ['chromium'], browser: false })).toEqual({ action: 'none' });
    expect(planTools({ ...base, missing: all, services: false, browser: false })).toEqual({ action: 'none' });
  });

  it('gives one line saying what to install when not root, or without apt-get', () => {
    const plan = planTools({ ...base, isRoot: false, missing: ['redis-server', 'mvn'] });
    expect(plan).toEqual({
      action: 'fail',
      message:
        'npm test needs redis-server, mvn: run `sudo apt-get install -y redis-server maven`, then npm test again (or KHABAR_TEST_SERVICES=none for unit tests only)',
    });
    const noApt = planTools({ ...base, hasApt: false, missing: ['chromium'], services: false });
    expect(noApt.action).toBe('fail');
    expect((noApt as { message: string }).message).toMatch(/^npm test needs chromium: .*packages chromium/);
    expect((noApt as { message: string }).message).not.toContain('\n');
  });

  it('needs the browser tools for the whole suite or a browser test file only', () => {
    expect(needsBrowser([])).toBe(true);
    expect(needsBrowser(['tests/browser/ui.test.ts'])).toBe(true);
    expect(needsBrowser(['tests/unit', '--reporter=dot'])).toBe(false);
  });

  it('finds tools on PATH and honours the override variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-tools-'));
    try {
      writeFileSync(join(dir, 'redis-server'), '#!/bin/sh\n', { mode: 0o755 });
      writeFileSync(join(dir, 'mvn'), 'not executable', { mode: 0o644 });
      const missing = findMissing({ PATH: dir, KHABAR_CHROMIUM: join(dir, 'none') });
      expect(missing).not.toContain('redis-server');
      expect(missing).toEqual(expect.arrayContaining(['mvn', 'java', 'javac', 'chromium']));
      expect(findMissing({ PATH: '', KHABAR_REDIS_SERVER: join(dir, 'redis-server') })).not.toContain(
        'redis-server',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
