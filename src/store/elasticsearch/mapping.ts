/**
 * Index mappings, settings and documents for the Elasticsearch store, all derived at run time from
 * `schemas/article.schema.json`, the one source of truth for the Article record.
 *
 * Every property of the schema may carry an `x-elasticsearch` annotation (an object, or an array of them to
 * index one value into several fields):
 * - `field`: the flat search field the value is copied into (default: the property path joined with `_`);
 * - `transform`: derive the indexed value (`entityKey`: the folded one-token key of an entity name);
 * - `analyzer: "by-language"`: text is indexed into one field per language, `<field>_<suffix>` (`body_hin`,
 *   `body_eng`, `body_other`), picked per value by the sibling property named by `languageFrom`, else by the
 *   article's `language`; languages and analyzers come from the root annotation;
 * - `enabled: false`: an audit-only part (dropped blocks, temporal values): stored, never indexed, not walked;
 * - anything else is the field's Elasticsearch mapping (`type`, `format`, `ignore_above`, …).
 * The root annotation holds the mapping version, the index settings (analysers) and the bookkeeping fields
 * (`revision`, `ingestedAt`, `updatedAt`). Each indexed document is the flat fields, the bookkeeping, and the
 * whole article, unindexed, under `doc`, which is what reads return and what a reindex carries over.
 */
import { readFileSync } from 'node:fs';
import type { Article } from '../../core/types.ts';
import { entityKey } from '../tokenize.ts';

type Json = Record<string, unknown>;

export const ARTICLE_SCHEMA_URL = new URL('../../../schemas/article.schema.json', import.meta.url);

export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  allOf?: SchemaNode[];
  'x-elasticsearch'?: Annotation | Annotation[];
  [key: string]: unknown;
}

export interface Annotation {
  field?: string;
  transform?: 'entityKey';
  analyzer?: string;
  languageFrom?: string;
  enabled?: boolean;
  [key: string]: unknown;
}

interface RootAnnotation {
  mappingVersion: number;
  documentField: string;
  languages: Record<string, { suffix: string; analyzer: string }>;
  otherLanguage: { suffix: string; analyzer: string };
  settings: Json;
  bookkeeping: Record<string, Json>;
}

/** One flat field fed from one schema property. */
export interface FieldRule {
  /** Property path in the article; `[]` marks array items. */
  path: string[];
  field: string;
  byLanguage: boolean;
  languageFrom?: string;
  transform?: 'entityKey';
}

export interface IndexPlan {
  version: number;
  documentField: string;
  settings: Json;
  mappings: Json;
  rules: FieldRule[];
  /** Per-language text fields by base name: `{ title: ['title_hin', 'title_eng', 'title_other'], body: [...] }`. */
  textFields: Record<string, string[]>;
  /** Language code → field suffix; anything else uses `otherSuffix`. */
  languageSuffix: Record<string, string>;
  otherSuffix: string;
}

export interface PlanOptions {
  /** Mapping version stamped into `_meta` (default: the schema's `mappingVersion`). */
  version?: number;
  shards?: number;
  replicas?: number;
}

let cachedSchema: SchemaNode | undefined;

/** The Article JSON Schema, read once from `schemas/article.schema.json`. */
export function loadArticleSchema(): SchemaNode {
  cachedSchema ??= JSON.parse(readFileSync(ARTICLE_SCHEMA_URL, 'utf8')) as SchemaNode;
  return cachedSchema;
}

function resolve(root: SchemaNode, node: SchemaNode): SchemaNode {
  let n = node;
  const seen = new Set<string>();
  while (n.$ref) {
    if (!n.$ref.startsWith('#/') || seen.has(n.$ref)) throw new Error(`unsupported schema $ref ${n.$ref}`);
    seen.add(n.$ref);
    let target: unknown = root;
    for (const part of n.$ref.slice(2).split('/')) target = (target as Json)[part];
    if (!target) throw new Error(`dangling schema $ref ${n.$ref}`);
    // Siblings of $ref (annotations) win over the target's.
    const { $ref: _, ...siblings } = n;
    n = { ...(target as SchemaNode), ...siblings };
  }
  return n;
}

/** Properties of an object node, including those it takes from `allOf`. */
function propertiesOf(root: SchemaNode, node: SchemaNode): Record<string, SchemaNode> {
  const own = { ...(node.properties ?? {}) };
  for (const part of node.allOf ?? []) Object.assign(own, propertiesOf(root, resolve(root, part)));
  return own;
}

function annotations(node: SchemaNode): Annotation[] {
  const a = node['x-elasticsearch'];
  return a === undefined ? [] : Array.isArray(a) ? a : [a];
}

const RULE_KEYS = new Set(['field', 'transform', 'languageFrom']);

/** Mapping, settings and field rules from the schema. Throws when two annotations disagree about a field. */
export function buildIndexPlan(
  schema: SchemaNode = loadArticleSchema(),
  options: PlanOptions = {},
): IndexPlan {
  const root = schema['x-elasticsearch'] as unknown as RootAnnotation;
  if (!root?.mappingVersion) throw new Error('article schema has no root x-elasticsearch annotation');
  const languageSuffix = Object.fromEntries(
    Object.entries(root.languages).map(([code, l]) => [code, l.suffix]),
  );
  const analyzers = [...Object.values(root.languages), root.otherLanguage];
  const properties: Record<string, Json> = {};
  const textFields: Record<string, string[]> = {};
  const rules: FieldRule[] = [];

  const define = (field: string, mapping: Json) => {
    const prev = properties[field];
    if (prev && JSON.stringify(prev) !== JSON.stringify(mapping)) {
      throw new Error(`x-elasticsearch: field "${field}" is mapped twice, differently`);
    }
    properties[field] = mapping;
  };

  const walk = (raw: SchemaNode, path: string[]) => {
    const node = resolve(schema, raw);
    // The root annotation configures the index; it is not a field.
    const notes = path.length === 0 ? [] : annotations(node);
    if (notes.some((a) => a.enabled === false)) return;
    const named = path.filter((p) => p !== '[]');
    for (const a of notes) {
      const field = a.field ?? named.join('_');
      const mapping = Object.fromEntries(Object.entries(a).filter(([k]) => !RULE_KEYS.has(k)));
      const byLanguage = a.analyzer === 'by-language';
      if (byLanguage) {
        textFields[field] = analyzers.map((l) => `${field}_${l.suffix}`);
        for (const l of analyzers) {
          define(`${field}_${l.suffix}`, { index_options: 'offsets', ...mapping, analyzer: l.analyzer });
        }
      } else define(field, mapping);
      rules.push({ path, field, byLanguage, languageFrom: a.languageFrom, transform: a.transform });
    }
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (node.items || types.includes('array')) {
      if (node.items) walk(node.items, [...path, '[]']);
      return;
    }
    for (const [name, child] of Object.entries(propertiesOf(schema, node))) walk(child, [...path, name]);
  };
  walk(schema, []);

  for (const [field, mapping] of Object.entries(root.bookkeeping)) define(field, mapping);
  define(root.documentField, { type: 'object', enabled: false });

  const version = options.version ?? root.mappingVersion;
  const settings: Json = structuredClone(root.settings);
  if (options.shards !== undefined) settings.number_of_shards = options.shards;
  if (options.replicas !== undefined) settings.number_of_replicas = options.replicas;
  return {
    version,
    documentField: root.documentField,
    settings,
    mappings: {
      dynamic: 'strict',
      _meta: { mappingVersion: version, schema: schema.$id ?? 'article.schema.json' },
      properties,
    },
    rules,
    textFields,
    languageSuffix,
    otherSuffix: root.otherLanguage.suffix,
  };
}

/** The schema's current mapping version. */
export const MAPPING_VERSION: number = (loadArticleSchema()['x-elasticsearch'] as unknown as RootAnnotation)
  .mappingVersion;

/** Field of a per-language text field for a language code: `languageField(plan, 'body', 'hin')` → `body_hin`. */
export function languageField(plan: IndexPlan, base: string, lang: string | undefined): string {
  return `${base}_${(lang && plan.languageSuffix[lang]) || plan.otherSuffix}`;
}

/** Every per-language text field (title_*, body_*). */
export function allTextFields(plan: IndexPlan): string[] {
  return Object.values(plan.textFields).flat();
}

export interface Bookkeeping {
  revision: number;
  ingestedAt: string;
  updatedAt: string;
}

/** The Elasticsearch document for an article: flat search fields, bookkeeping, and the article under `doc`. */
export function toIndexDocument(plan: IndexPlan, article: Article, meta: Bookkeeping): Json {
  const out: Record<string, unknown[]> = {};
  const single = new Set<string>();
  const add = (field: string, value: unknown, multi: boolean) => {
    if (value === undefined || value === null || value === '') return;
    out[field] ??= [];
    if (!multi) single.add(field);
    out[field].push(value);
  };
  const articleLang = article.language;
  for (const rule of plan.rules) {
    // Collect [value, parent] pairs along the path.
    let frontier: { value: unknown; parent: unknown }[] = [{ value: article, parent: undefined }];
    const multi = rule.path.includes('[]');
    for (const step of rule.path) {
      const next: typeof frontier = [];
      for (const { value } of frontier) {
        if (step === '[]') {
          if (Array.isArray(value)) for (const v of value) next.push({ value: v, parent: value });
        } else if (value && typeof value === 'object' && !Array.isArray(value)) {
          next.push({ value: (value as Json)[step], parent: value });
        }
      }
      frontier = next;
    }
    for (const { value: raw, parent } of frontier) {
      // An annotated array property (entity aliases) indexes each element, as Elasticsearch does.
      const values = Array.isArray(raw) ? raw : [raw];
      const many = multi || Array.isArray(raw);
      for (const value of values) {
        if (value === undefined || value === null) continue;
        if (rule.byLanguage) {
          const lang = rule.languageFrom
            ? ((parent as Json | undefined)?.[rule.languageFrom] as string | undefined)
            : articleLang;
          add(languageField(plan, rule.field, lang), value, many);
        } else if (rule.transform === 'entityKey') add(rule.field, entityKey(String(value)), many);
        else add(rule.field, value, many);
      }
    }
  }
  const doc: Json = {};
  for (const [field, values] of Object.entries(out)) {
    const isText = Object.values(plan.textFields).some((fs) => fs.includes(field));
    // Keyword values are deduplicated; text keeps every value (paragraph order matters for fragments).
    const list = isText ? values : [...new Set(values)];
    doc[field] = single.has(field) && list.length === 1 ? list[0] : list;
  }
  return { ...doc, ...meta, [plan.documentField]: article };
}
