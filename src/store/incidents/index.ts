/**
 * Incident store port and its implementations (SQLite beside the embedded store, Elasticsearch beside
 * the Elasticsearch store). `openIncidentStore` in src/bootstrap.ts picks one from the configuration.
 */

export type { GroupingChange, IncidentQuery, IncidentStore, IncidentSummary } from './types.ts';
