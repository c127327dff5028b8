/**
 * Extension point for incidents, watches and Atom feeds (built in src/incidents/ + src/store/incidents/).
 * buildApp registers this plugin with the optional incident store; until a store is wired in, the routes
 * exist (so clients and the OpenAPI document see them) and answer 501.
 *
 * To implement: replace the handlers below with calls to the store, keep the paths, and protect write
 * routes (watch create/update/delete) with `opts.auth`.
 *   GET    /api/incidents                 list (filters: type, entity, from, to; cursor)
 *   GET    /api/incidents/:id             one incident with its articles
 *   GET    /api/incidents/:id/timeline    dated events, oldest first
 *   GET    /api/watches, POST /api/watches, GET|PUT|DELETE /api/watches/:id   (writes need the API key)
 *   GET    /feeds/watches/:id             Atom feed of a watch
 */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { HttpError } from '../http.ts';

export interface IncidentRouteOptions<S = unknown> {
  /** The incident store (type from src/store/incidents/ once it exists). */
  store?: S;
  /** API-key check for write routes. */
  auth: preHandlerAsyncHookHandler;
}

const notYet = async () => {
  throw new HttpError(501, 'not-implemented', 'incidents and watches are not available in this build yet');
};

const stub = (summary: string, tags: string[]) => ({
  schema: { summary, tags, response: { 501: { $ref: 'ApiError#' } } },
});

/** Register the incident, watch and feed routes (501 placeholders while no store is given). */
export async function incidentRoutes(app: FastifyInstance, opts: IncidentRouteOptions): Promise<void> {
  if (opts.store) {
    app.log.warn('an incident store was given but incident routes are not implemented yet');
  }
  app.get('/api/incidents', stub('List incidents (not yet available)', ['incidents']), notYet);
  app.get('/api/incidents/:id', stub('Show an incident (not yet available)', ['incidents']), notYet);
  app.get(
    '/api/incidents/:id/timeline',
    stub('Incident timeline (not yet available)', ['incidents']),
    notYet,
  );
  app.get('/api/watches', stub('List watches (not yet available)', ['watches']), notYet);
  app.post(
    '/api/watches',
    { ...stub('Create a watch (not yet available; needs the API key)', ['watches']), preHandler: opts.auth },
    notYet,
  );
  app.get('/api/watches/:id', stub('Show a watch (not yet available)', ['watches']), notYet);
  app.put(
    '/api/watches/:id',
    { ...stub('Replace a watch (not yet available; needs the API key)', ['watches']), preHandler: opts.auth },
    notYet,
  );
  app.delete(
    '/api/watches/:id',
    { ...stub('Delete a watch (not yet available; needs the API key)', ['watches']), preHandler: opts.auth },
    notYet,
  );
  app.get('/feeds/watches/:id', stub('Atom feed of a watch (not yet available)', ['watches']), notYet);
}
