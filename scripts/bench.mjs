// `npm run bench`: bench/run.mts, compiled when `npm run build` is current, else through tsx
// (bin/runtime.mjs); the bench prints which. Arguments pass through (`npm run bench -- real --rounds 5`).
import { launch } from '../bin/runtime.mjs';

await launch(new URL('..', import.meta.url), 'bench/run.mts', ['src', 'bench', 'scripts']);
