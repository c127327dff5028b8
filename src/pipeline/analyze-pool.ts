/**
 * A small pool of worker threads that run {@link analyze} with a time budget per document. One
 * pathological page (a regex that backtracks, a DOM nested thousands deep) would otherwise hold a driver's
 * worker for minutes; here the thread is terminated past the budget, the document fails with the
 * permanent error `analysis-timeout`, and a fresh thread takes the next one. Threads are reused across
 * documents (starting one costs ~100 ms: module load and gazetteers), sized to the driver's concurrency.
 */
import { Worker } from 'node:worker_threads';
import { ConfigError, InputError, KhabarError, TransientError } from '../core/errors.ts';
import { ANALYSIS_YOUNG_GENERATION_MB } from '../core/heap.ts';
import type { Article } from '../core/types.ts';
import type { AnalyzeInput } from './analyze.ts';
import { type DocumentOutcome, errorOutcome, type SourceDocument } from './document.ts';
import type { ProcessResult } from './process.ts';

/** Default per-document analysis budget (config `analysisBudgetMs`, env `KHABAR_ANALYSIS_BUDGET_MS`). */
export const DEFAULT_ANALYSIS_BUDGET_MS = 10_000;

/** Message to a worker thread. */
export interface WorkerRequest {
  id: number;
  input: AnalyzeInput;
}

/** A thrown value flattened for postMessage. */
export interface WorkerErrorData {
  name: string;
  code?: string;
  message: string;
  stack?: string;
}

/** Message from a worker thread: the article or the error, and the analysis time. */
export type WorkerReply =
  | { id: number; ok: true; article: Article; ms: number }
  | { id: number; ok: false; error: WorkerErrorData; ms: number };

export interface AnalyzePoolOptions {
  /** Threads at most (default 1); one document per thread at a time. */
  size?: number;
  /** Milliseconds a document may take before its thread is terminated (default 10 s). */
  budgetMs?: number;
  /** Test hook: documents whose text contains this string make the worker spin forever. */
  loopMarker?: string;
}

interface Task {
  id: number;
  input: AnalyzeInput;
  budgetMs: number;
  resolve(r: { article: Article; ms: number }): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  /** The thread has loaded the pipeline (a budget must not pay for module loading). */
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

const ENTRY = new URL('./analyze-worker.mjs', import.meta.url);
/** This module is the compiled JavaScript (bin/runtime.mjs): the threads then load the compiled body too. */
const COMPILED = import.meta.url.endsWith('.js');

/** Rebuild the error class a worker reported, so callers can tell permanent from transient failures. */
export function reviveError(e: WorkerErrorData): Error {
  const Ctor = { InputError, ConfigError, TransientError, KhabarError }[e.name];
  const err = Ctor ? new Ctor(e.code ?? 'error', e.message) : new Error(e.message);
  if (!Ctor) err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

/** The error a document gets when its analysis is stopped: permanent, since a retry would run as long. */
export function analysisTimeout(budgetMs: number): InputError {
  return new InputError(
    'analysis-timeout',
    `analysis took longer than the ${budgetMs} ms budget and was stopped (a pathological document?)`,
  );
}

export class AnalyzePool {
  readonly size: number;
  readonly budgetMs: number;
  readonly #loopMarker?: string;
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: AnalyzePoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? 1));
    this.budgetMs = options.budgetMs ?? DEFAULT_ANALYSIS_BUDGET_MS;
    if (!(this.budgetMs > 0)) throw new ConfigError('bad-config', 'the analysis budget must be > 0 ms');
    this.#loopMarker = options.loopMarker;
  }

  /** Analyse one document in a thread; rejects like `analyze` would, or with `analysis-timeout`. */
  run(input: AnalyzeInput, budgetMs = this.budgetMs): Promise<{ article: Article; ms: number }> {
    if (this.#closed) return Promise.reject(new Error('the analysis pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, input, budgetMs, resolve, reject });
      this.#pump();
    });
  }

  /** {@link processDocument} in a thread: an article, or a classified outcome (never throws). */
  async process(doc: SourceDocument, options: { maxBytes?: number } = {}): Promise<ProcessResult> {
    try {
      const { article } = await this.run({ ...doc, maxBytes: options.maxBytes });
      return { ok: true, article };
    } catch (e) {
      const outcome: DocumentOutcome = errorOutcome(doc.source, e, e instanceof InputError);
      return { ok: false, outcome };
    }
  }

  /** Terminate every thread; queued documents are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#queue.splice(0)) t.reject(new Error('the analysis pool was closed'));
    const slots = this.#slots.splice(0);
    for (const s of slots) {
      clearTimeout(s.timer);
      s.task?.reject(new Error('the analysis pool was closed'));
      s.task = undefined;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((s) => s.ready && !s.task);
      if (!slot) {
        // Start a thread when all are busy; the queue moves on when it reports ready.
        if (this.#slots.length < this.size && this.#slots.every((s) => s.ready)) this.#spawn();
        return;
      }
      const task = this.#queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.#expire(slot), task.budgetMs);
      slot.worker.postMessage({ id: task.id, input: task.input } satisfies WorkerRequest);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(ENTRY, {
      // Not the parent's flags (a test runner's or an inspector's); the entry registers tsx itself when
      // it loads the TypeScript body.
      execArgv: [],
      // A page's garbage is short-lived: smaller semi-spaces hold less of it (see core/heap.ts).
      resourceLimits: { maxYoungGenerationSizeMb: ANALYSIS_YOUNG_GENERATION_MB },
      workerData: { loopMarker: this.#loopMarker, compiled: COMPILED },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (reply: WorkerReply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (!slot.task) worker.unref();
        this.#pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      this.#finish(slot);
      if (reply.ok) task.resolve({ article: reply.article, ms: reply.ms });
      else task.reject(reviveError(reply.error));
      this.#pump();
    });
    const lost = (err: Error) => {
      // The thread died (out of memory, a crash in native code): drop it, fail its document as
      // transient (another try in a fresh thread may pass), and let a new thread take the queue.
      this.#drop(slot);
      const task = slot.task;
      this.#finish(slot);
      const failure = new TransientError('analysis-crashed', `analysis thread failed: ${err.message}`);
      task?.reject(failure);
      // A thread that died before it was ready cannot load the pipeline: fail the waiting documents
      // instead of starting thread after thread.
      if (!slot.ready) for (const t of this.#queue.splice(0)) t.reject(failure);
      this.#pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => {
      if (this.#slots.includes(slot)) lost(new Error(`thread exited with code ${code}`));
    });
    this.#slots.push(slot);
    return slot;
  }

  #expire(slot: Slot): void {
    const task = slot.task;
    if (!task) return;
    this.#drop(slot);
    this.#finish(slot);
    void slot.worker.terminate();
    task.reject(analysisTimeout(task.budgetMs));
    this.#pump();
  }

  #finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
    // An idle thread must not keep the process alive if a caller forgets close().
    slot.worker.unref();
  }

  #drop(slot: Slot): void {
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
  }
}
