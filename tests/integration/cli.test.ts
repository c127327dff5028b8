/**
 * The `khabar` command line end to end, in child processes, on a temporary embedded store.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from '../helpers/articles.ts';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'khabar-cli-'));
const db = join(dir, 'khabar.db');
const PAGES = join(ROOT, 'tests/fixtures/pages');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('khabar CLI', () => {
  it('prints help for every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const c of ['analyze', 'ingest', 'search', 'export', 'demo']) expect(top.stdout).toContain(c);
    for (const c of ['analyze', 'ingest', 'search', 'export']) {
      const r = await runCli([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: khabar/);
      expect(r.stdout).toMatch(/Example/);
    }
  });

  it('analyze --jsonl writes one line per input line, in order, with errors for bad lines', async () => {
    const r = await runCli(['analyze', '--jsonl', join(PAGES, 'batch.jsonl')]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = JSON.parse(readFileSync(join(PAGES, 'expected.json'), 'utf8')).files['batch.jsonl'];
    expect(lines).toHaveLength(expected.lines);
    expected.records.forEach((rec: { id?: string; expect: string; title?: string }, i: number) => {
      if (rec.expect === 'ok') {
        expect(lines[i].id).toBe(rec.id);
        expect(lines[i].article.title).toBe(rec.title);
      } else {
        expect(lines[i].error.message).toMatch(/line \d+/);
      }
    });
    // The same batch from standard input.
    const piped = await runCli(['analyze', '--jsonl', '-'], {
      input: readFileSync(join(PAGES, 'batch.jsonl')),
    });
    expect(piped.stdout).toBe(r.stdout);
  });

  it('ingests the samples, then re-ingesting changes nothing', async () => {
    const first = await runCli(['ingest', EXAMPLES, '--db', db, '--json']);
    expect(first.code).toBe(0);
    const s1 = JSON.parse(first.stdout);
    expect(s1.counts.created).toBe(7);
    expect(s1.total).toBe(7);
    const again = await runCli(['ingest', EXAMPLES, '--db', db, '--json']);
    expect(JSON.parse(again.stdout).counts).toMatchObject({ created: 0, unchanged: 7 });
    const plain = await runCli(['ingest', EXAMPLES, '--db', db]);
    expect(plain.stdout).toMatch(
      /ingested 7 documents .*0 new, 0 updated, 7 unchanged, 0 rejected, 0 failed/,
    );
  });

  it('reports bad inputs by name and keeps going, storing the good ones', async () => {
    const bad = join(dir, 'bad');
    rmSync(bad, { recursive: true, force: true });
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(bad);
    copyFileSync(join(PAGES, 'binary.bin'), join(bad, 'image.html'));
    copyFileSync(join(PAGES, 'empty.html'), join(bad, 'empty.html'));
    copyFileSync(join(PAGES, 'broken.html'), join(bad, 'broken.html'));
    const r = await runCli(['ingest', bad, join(dir, 'missing.html'), '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/rejected: .*image\.html: binary-input: input is binary \(PNG image\)/);
    expect(r.stdout).toMatch(/rejected: .*empty\.html: no-article-text/);
    expect(r.stdout).toMatch(/rejected: .*missing\.html: not-found/);
    expect(r.stdout).toMatch(/1 new/);
    const count = await runCli(['search', '--db', db, '--json', '--limit', '100']);
    expect(JSON.parse(count.stdout).total).toBe(8);
  });

  it('searches across scripts and filters, as a table or JSON', async () => {
    const table = await runCli(['search', 'AIIMS', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/results? for AIIMS/);
    expect(table.stdout).toContain('«एम्स»');
    const json = JSON.parse(
      (await runCli(['search', 'AIIMS', '--lang', 'hin', '--db', db, '--json'])).stdout,
    );
    expect(json.total).toBeGreaterThanOrEqual(3);
    for (const h of json.hits) expect(h.language).toBe('hin');
    const dated = JSON.parse((await runCli(['search', '--from', '2023-01-01', '--db', db, '--json'])).stdout);
    for (const h of dated.hits) expect(h.published >= '2023').toBe(true);
    const bad = await runCli(['search', 'AIIMS', '--from', 'last-tuesday', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/khabar: bad-date: "last-tuesday" is not a date/);
  });

  it('exports JSONL and CSV with provenance, whole or not at all', async () => {
    const out = join(dir, 'hin.jsonl');
    const r = await runCli(['export', '--format', 'jsonl', '--lang', 'hin', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row.language).toBe('hin');
      expect(row.provenance.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.provenance.pipelineVersion).toMatch(/^khabar-pipeline\//);
    }
    const csv = join(dir, 'all.csv');
    await runCli(['export', '--format', 'csv', '--bom', '--out', csv, '--db', db]);
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('id,title,language,published');
    const bad = await runCli(['export', '--format', 'xml', '--out', join(dir, 'x.xml'), '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown export format "xml"/);
    expect(() => readFileSync(join(dir, 'x.xml'))).toThrow();
  });

  it('fails clearly on an unreadable store path', async () => {
    writeFileSync(join(dir, 'not-a-dir'), 'x');
    const r = await runCli(['search', 'AIIMS', '--db', join(dir, 'not-a-dir', 'k.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/khabar: /);
  });
});
