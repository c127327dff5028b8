/**
 * Entity stage public API: extract ORG/LOC/PER/ID entities from Hindi and English news text.
 */
export { decodeDevanagariAcronym } from './acronym.ts';
export { type EntityInput, type EntityOptions, extractEntities } from './extract.ts';
export { type Gazetteer, type GazetteerEntry, loadGazetteer, lookupAlias } from './gazetteer.ts';
export { phoneticKey, transliterateName } from './translit.ts';
