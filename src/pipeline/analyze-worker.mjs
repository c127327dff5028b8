// Entry of an analysis worker thread. Registers the TypeScript loader in this thread (workers do not
// inherit the parent's module hooks), then loads the worker body, which listens for documents.
import { register } from 'tsx/esm/api';

register();
await import('./analyze-worker.ts');
