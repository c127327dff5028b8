/**
 * The CLI on hostile or awkward local inputs, through the real `khabar` in child processes: endless
 * devices and streams, FIFOs, sockets, unreadable directories, links, names with control characters,
 * BOM-prefixed and all-bad JSON lines, and bad configuration.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from '../helpers/articles.ts';
import { type CliResult, runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'khabar-cli-inputs-'));
chmodSync(dir, 0o777); // the unreadable-directory test runs the CLI as nobody
const db = join(dir, 'k.db');
const ARTICLE = join(EXAMPLES, 'etv-aiims-hi.txt');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The CLI in a child process, with an endless-looking input on stdin (the CLI stops reading early, so the
 * write may end in EPIPE, which is the point) or as the unprivileged `nobody` user (as root, permission
 * bits do not stop a read).
 */
function spawnCli(args: string[], options: { input?: Buffer; nobody?: boolean } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/khabar.mjs'), ...args], {
      cwd: options.nobody ? dir : ROOT,
      ...(options.nobody ? { uid: 65534, gid: 65534 } : {}),
      env: options.nobody
        ? { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NO_COLOR: '1' }
        : { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('khabar CLI on awkward inputs', () => {
  it('refuses devices and FIFOs without reading (or blocking), and stops stdin at --max-bytes', async () => {
    const zero = await runCli(['analyze', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/khabar: not-a-file: \/dev\/zero is a character device/);

    const fifo = join(dir, 'pipe.html');
    spawnSync('mkfifo', [fifo]);
    // Nobody ever writes to the FIFO: a blocking open would hang this test until its timeout.
    const r = await runCli(['analyze', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /not-a-file: .*pipe\.html is a FIFO \(named pipe\): only regular files are read/,
    );

    const zeros = await spawnCli(['analyze', '-', '--max-bytes', '8KB'], { input: Buffer.alloc(1 << 20) });
    expect(zeros.code).toBe(2);
    expect(zeros.stderr).toMatch(
      /too-large: standard input is over the 8 KB limit \(raise it with --max-bytes/,
    );

    const big = await runCli(['analyze', ARTICLE], { env: { KHABAR_MAX_BYTES: '2048' } });
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/too-large: .*etv-aiims-hi\.txt is over the 2 KB limit/);
  });

  it('ingest reports and skips every unreadable entry, counts it rejected, and still prints the summary', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'locked'), { recursive: true });
    mkdirSync(join(tree, 'sub'));
    copyFileSync(ARTICLE, join(tree, 'good.txt'));
    copyFileSync(ARTICLE, join(tree, 'locked', 'hidden.txt'));
    writeFileSync(join(tree, 'secret.txt'), 'not for nobody');
    chmodSync(join(tree, 'secret.txt'), 0o000);
    chmodSync(join(tree, 'locked'), 0o000);
    symlinkSync('missing.html', join(tree, 'dangling.html'));
    symlinkSync('..', join(tree, 'sub', 'loop')); // a loop back to the root: walked once
    symlinkSync('../good.txt', join(tree, 'sub', 'same.txt')); // inside the tree: followed
    symlinkSync('/etc', join(tree, 'outside'));
    spawnSync('mkfifo', [join(tree, 'fifo.html')]);
    const sock = createServer();
    await new Promise<void>((ok) => sock.listen(join(tree, 'sock.html'), ok));
    // A name that would clear the screen and break the line if printed raw.
    writeFileSync(join(tree, 'evil\n\x1b[2J.html'), '');

    const r = await spawnCli(['ingest', tree, '/dev/zero', '--db', db], { nobody: true });
    sock.close();
    expect(r.code).toBe(3);
    const out = r.stdout;
    // good.txt, and sub/same.txt (a link to it inside the tree) found unchanged; the rest rejected.
    expect(out).toMatch(/ingested 10 documents .*: 1 new, 0 updated, 1 unchanged, 8 rejected, 0 failed/);
    expect(out).toMatch(/rejected: .*tree\/locked: unreadable: cannot read .*locked: permission denied/);
    expect(out).toMatch(/rejected: .*secret\.txt: unreadable: .*permission denied/);
    expect(out).toMatch(/rejected: .*dangling\.html: dangling-symlink/);
    expect(out).toMatch(/rejected: .*tree\/outside: symlink-outside/);
    expect(out).toMatch(/rejected: .*fifo\.html: not-a-file: .*FIFO/);
    expect(out).toMatch(/rejected: .*sock\.html: not-a-file: .*socket/);
    expect(out).toMatch(/rejected: \/dev\/zero: not-a-file/);
    expect(out).toContain('evil\\n\\e[2J.html: no-article-text');
    expect(out).not.toContain('\x1b');
    expect(out.split('\n').filter((l) => l.includes('evil'))).toHaveLength(1);
  });

  it('ingest rejects an oversized file as too-large, naming an option that exists', async () => {
    const r = await runCli(['ingest', ARTICLE, '--db', db, '--max-bytes', '2KB']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/0 new, 0 updated, 0 unchanged, 1 rejected, 0 failed/);
    expect(r.stdout).toMatch(/rejected: .*too-large: .*over the 2 KB limit \(raise it with --max-bytes/);
    const help = await runCli(['ingest', '--help']);
    expect(help.stdout).toContain('--max-bytes <size>');
  });

  it('analyze --jsonl takes a UTF-8 BOM on line 1 and exits non-zero when no line was good', async () => {
    const text = readFileSync(ARTICLE, 'utf8');
    const good = join(dir, 'bom.jsonl');
    writeFileSync(
      good,
      `\ufeff${JSON.stringify({ id: 'a1', text, title: 'एम्स सर्वर', lang: 'hi' })}\r\n{"id":"b2"}\n`,
    );
    const ok = await runCli(['analyze', '--jsonl', good]);
    expect(ok.code).toBe(0);
    const lines = ok.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].id).toBe('a1');
    expect(lines[0].article.language).toBe('hin');
    expect(lines[1].error.code).toBe('bad-line');

    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '\ufeffnot json\n{"id":"x"}\n');
    const r = await runCli(['analyze', '--jsonl', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/no-good-line: none of the 2 lines of .*bad\.jsonl could be analysed/);

    // One endless line of zeros on stdin: refused at the limit, not buffered.
    const zeros = await spawnCli(['analyze', '--jsonl', '-', '--max-bytes', '4KB'], {
      input: Buffer.alloc(1 << 20),
    });
    expect(zeros.code).toBe(2);
    expect(JSON.parse(zeros.stdout).error.code).toBe('too-large');
  });

  it('stops at start-up on bad configuration, naming the variable, and prints the effective config', async () => {
    const r = await runCli(['search', 'x', '--db', db], { env: { KHABAR_BATCH_SIZE: 'many' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('khabar: bad-config: KHABAR_BATCH_SIZE must be an integer ≥ 1, got "many"\n');
    const cfg = await runCli(['config', '--json'], {
      env: { KHABAR_API_KEY: 'hunter2', KHABAR_REDIS_URL: 'redis://:pw@127.0.0.1:6379', KHABAR_PORT: '9000' },
    });
    expect(cfg.code).toBe(0);
    const c = JSON.parse(cfg.stdout);
    expect(c).toMatchObject({ apiKey: '***', port: 9000, redisUrl: 'redis://:***@127.0.0.1:6379' });
    expect(cfg.stdout).not.toContain('hunter2');
  });
});
