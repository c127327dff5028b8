/** The article page: text with per-paragraph language, entities, dropped-boilerplate audit, revisions. */
import type { Revision, StoredArticle } from '../../store/types.ts';
import { bcp47, esc, istTime, langBadge, layout, qs } from '../html.ts';

/** Render one stored article. */
export function articlePage(a: StoredArticle, revisions: Revision[]): string {
  const lang = bcp47(a.language);
  const url = a.canonicalUrl ?? a.url;
  const paragraphs = a.paragraphs
    .map(
      (p) =>
        `<div class="para"><p lang="${bcp47(p.lang)}">${esc(p.text)}</p><span class="para-lang">${langBadge(p.lang, 'small')}${p.mixed ? ' <span class="badge small mixed" title="Mixes Hindi and English">mixed</span>' : ''}</span></div>`,
    )
    .join('\n');
  const entities = a.entities.length
    ? `<section aria-labelledby="entities-h"><h2 id="entities-h">Entities</h2><ul class="chips">${a.entities
        .map(
          (e) =>
            `<li><a href="/${qs({ entity: e.canonical })}" title="${esc(e.aliases.join(', '))}">${esc(e.canonical)}</a> <span class="muted">${esc(e.type)}</span></li>`,
        )
        .join('')}</ul></section>`
    : '';
  const dropped = `<details><summary>Dropped boilerplate (${a.dropped.length})</summary>${
    a.dropped.length
      ? `<table><thead><tr><th scope="col">Reason</th><th scope="col">Text</th></tr></thead><tbody>${a.dropped
          .map((d) => `<tr><td>${esc(d.reason)}</td><td>${esc(d.text)}</td></tr>`)
          .join('')}</tbody></table>`
      : '<p class="muted">Nothing was dropped.</p>'
  }</details>`;
  const revs = `<details><summary>Revisions (${revisions.length + 1})</summary><ol>${revisions
    .map(
      (r) =>
        `<li>Revision ${r.revision}, stored ${istTime(r.storedAt)} <code>${esc(r.contentHash.slice(0, 12))}</code></li>`,
    )
    .join(
      '',
    )}<li>Revision ${a.revision} (current), updated ${istTime(a.updatedAt)} <code>${esc(a.contentHash.slice(0, 12))}</code></li></ol></details>`;
  const body = `<article class="article">
<h1 lang="${lang}">${esc(a.title)}</h1>
<p class="meta">${langBadge(a.language)} ${a.site ? `<span class="site">${esc(a.site)}</span>` : ''} ${istTime(a.published)}${a.author ? ` · <span lang="${lang}">${esc(a.author)}</span>` : ''}</p>
${url ? `<p class="source"><a href="${esc(url)}" rel="noopener noreferrer">Original article</a></p>` : ''}
<section class="text" aria-label="Text">${paragraphs}</section>
${entities}
<section aria-label="Audit" class="audit">${dropped}${revs}
<p><a href="/api/articles/${encodeURIComponent(a.id)}">JSON</a> · ingested ${istTime(a.ingestedAt)} · <code>${esc(a.pipelineVersion)}</code></p></section>
</article>`;
  return layout({ title: a.title, body });
}

/** A page for a part of the UI that another component provides later (incidents, watches). */
export function placeholderPage(title: string, current: 'incidents' | 'watches', text: string): string {
  return layout({
    title,
    current,
    body: `<h1>${esc(title)}</h1><p class="empty">${esc(text)}</p>`,
  });
}

/** An error page (404, 400). */
export function errorPage(title: string, message: string): string {
  return layout({
    title,
    body: `<h1>${esc(title)}</h1><p class="error" role="alert">${esc(message)}</p><p><a href="/">Back to search</a></p>`,
  });
}
