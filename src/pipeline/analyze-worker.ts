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

// Lexicons, the tagger's weights and compromise's word lists load lazily on first use: one small bilingual document
// here pays for that (seconds on a loaded machine), so the first real document's budget does not.
const WARM_UP =
  '<html><body><article><h1>एम्स सर्वर हैक मामले में दिल्ली पुलिस ने मामला दर्ज किया</h1>' +
  '<p>नई दिल्ली: दिल्ली पुलिस की आईएफएसओ यूनिट ने बुधवार को एम्स सर्वर हैक मामले में अज्ञात लोगों के खिलाफ मामला दर्ज किया।</p>' +
  '<p>New Delhi: The Delhi Police registered a case on Thursday after the AIIMS servers were hacked, officials said.</p>' +
  '</article></body></html>';
try {
  analyze({ content: WARM_UP, format: 'html', published: '2022-11-24T21:04:00+05:30' });
} catch {
  // A warm-up failure is the first real document's to report.
}
// Modules and lexicons are loaded: the pool starts a document's clock only from here.
parentPort!.postMessage({ ready: true });
