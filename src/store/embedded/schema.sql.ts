/** SQLite schema of the embedded store. `user_version` tracks migrations. */
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS articles (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  canonical_url TEXT,
  content_hash TEXT NOT NULL,
  site TEXT,
  language TEXT NOT NULL,
  published TEXT,
  published_ts INTEGER,
  title TEXT NOT NULL,
  revision INTEGER NOT NULL,
  ingested_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);
CREATE INDEX IF NOT EXISTS articles_lang ON articles(language);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_ts);
CREATE TABLE IF NOT EXISTS article_entities (
  article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  entity_key TEXT NOT NULL,
  canonical TEXT NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY (article_rowid, entity_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_entities_key ON article_entities(entity_key, article_rowid);
CREATE TABLE IF NOT EXISTS revisions (
  article_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (article_id, revision)
) WITHOUT ROWID;
-- Pre-tokenised text (see store/tokenize.ts): the ascii tokenizer keeps every non-ASCII character inside
-- tokens, so Devanagari words stay whole; FTS5's unicode61 would split them at vowel signs.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, body, entities, tokenize = 'ascii', content = '', contentless_delete = 1
);
`;
