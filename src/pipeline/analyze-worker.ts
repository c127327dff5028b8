/**
 * Body of an analysis worker thread (see analyze-pool.ts): runs {@link analyze} on each document it is
 * sent and posts back the article or the error, flattened to plain data (class, code, message, stack)
 * because Error subclasses do not survive structured cloning.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KhabarError } from '../core/errors.ts';
import { analyze } from './analyze.ts';
import type { WorkerReply, WorkerRequest } from './analyze-pool.ts';

const { loopMarker } = (workerData ?? {}) as { loopMarker?: string };

parentPort!.on('message', (req: WorkerRequest) => {
  const started = performance.now();
  let reply: WorkerReply;
  try {
    // Test hook (only when the pool was built with `loopMarker`): spin like a pathological document, so
    // tests exercise the real budget and termination path.
    if (loopMarker && typeof req.input?.content === 'string' && req.input.content.includes(loopMarker))
      for (;;);
    const article = analyze(req.input);
    reply = { id: req.id, ok: true, article, ms: performance.now() - started };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = {
      id: req.id,
      ok: false,
      ms: performance.now() - started,
      error: {
        name: err.name,
        code: e instanceof KhabarError ? e.code : undefined,
        message: err.message,
        stack: err.stack,
      },
    };
  }
  parentPort!.postMessage(reply);
});

// Modules and lexicons are loaded: the pool starts a document's clock only from here.
parentPort!.postMessage({ ready: true });
