/** The search page: query box (Hindi or English), filters, facets, highlighted results, export buttons. */
import type { SearchFacets } from '../../store/embedded/facets.ts';
import type { SearchHit } from '../../store/types.ts';
import { bcp47, esc, istTime, langBadge, layout, qs, safeFragment } from '../html.ts';

export interface SearchPageParams {
  q?: string;
  lang?: string;
  entity?: string;
  site?: string;
  from?: string;
  to?: string;
}

export interface SearchPageData {
  params: SearchPageParams;
  total?: number;
  hits?: SearchHit[];
  facets?: SearchFacets;
  offset?: number;
  nextCursor?: string | null;
  error?: string;
}

const FACET_TITLES: Record<keyof SearchFacets, string> = {
  language: 'Language',
  entities: 'Entities',
  site: 'Sites',
  published: 'Month (IST)',
};

function facetList(name: keyof SearchFacets, facets: SearchFacets, params: SearchPageParams): string {
  const buckets = facets[name];
  if (!buckets?.length) return '';
  const items = buckets.slice(0, 12).map((b) => {
    let link: SearchPageParams;
    let active = false;
    if (name === 'language') {
      active = params.lang === b.value;
      link = { ...params, lang: active ? undefined : b.value };
    } else if (name === 'entities') {
      active = params.entity === b.value;
      link = { ...params, entity: active ? undefined : b.value };
    } else if (name === 'site') {
      active = params.site === b.value;
      link = { ...params, site: active ? undefined : b.value };
    } else {
      // A month bucket: from the 1st to the last day of that month (IST days).
      const [y, m] = b.value.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const from = `${b.value}-01`;
      const to = `${b.value}-${String(last).padStart(2, '0')}`;
      active = params.from === from && params.to === to;
      link = { ...params, from: active ? undefined : from, to: active ? undefined : to };
    }
    const label = name === 'language' ? langBadge(b.value) : `<span>${esc(b.value)}</span>`;
    return `<li><a href="/${qs({ ...link })}"${active ? ' aria-current="true" class="active"' : ''}>${label} <span class="count">${b.count}</span></a></li>`;
  });
  return `<section class="facet"><h2>${FACET_TITLES[name]}</h2><ul>${items.join('')}</ul></section>`;
}

function hitItem(h: SearchHit): string {
  const lang = bcp47(h.language);
  const snippets = h.highlights
    .map((f) => `<p class="snippet" lang="${lang}">${safeFragment(f)}</p>`)
    .join('');
  return `<li class="hit" data-lang="${esc(h.language)}">
  <h2 lang="${lang}"><a href="/articles/${encodeURIComponent(h.id)}">${esc(h.title)}</a></h2>
  <p class="meta">${langBadge(h.language)} ${h.site ? `<span class="site">${esc(h.site)}</span>` : ''} ${istTime(h.published)}</p>
  ${snippets}
</li>`;
}

/** Render the search page. */
export function searchPage(d: SearchPageData): string {
  const p = d.params;
  const filters = { q: p.q, lang: p.lang, entity: p.entity, site: p.site, from: p.from, to: p.to };
  const langOption = (v: string, label: string) =>
    `<option value="${v}"${(p.lang ?? '') === v ? ' selected' : ''}>${label}</option>`;
  const form = `<form class="search" role="search" action="/" method="get">
  <div class="row">
    <label class="visually-hidden" for="q">Search Hindi or English news</label>
    <input id="q" name="q" type="search" value="${esc(p.q)}" placeholder="खोजें / Search — e.g. AIIMS, एम्स, साइबर हमला" autocomplete="off" maxlength="500" autofocus>
    <button type="submit">Search</button>
  </div>
  <details class="filters"${p.lang || p.entity || p.site || p.from || p.to ? ' open' : ''}>
    <summary>Filters</summary>
    <div class="grid">
      <label>Language <select name="lang">${langOption('', 'Any')}${langOption('hin', 'हिन्दी (Hindi)')}${langOption('eng', 'English')}</select></label>
      <label>Entity <input name="entity" value="${esc(p.entity)}" placeholder="AIIMS or एम्स"></label>
      <label>Site <input name="site" value="${esc(p.site)}" placeholder="etvbharat.com"></label>
      <label>From <input name="from" type="date" value="${esc(p.from)}"></label>
      <label>To <input name="to" type="date" value="${esc(p.to)}"></label>
    </div>
  </details>
</form>`;
  const parts = [`<h1 class="visually-hidden">Search</h1>`, form];
  if (d.error) parts.push(`<p class="error" role="alert">${esc(d.error)}</p>`);
  if (d.total !== undefined && d.hits) {
    const from = (d.offset ?? 0) + 1;
    const to = (d.offset ?? 0) + d.hits.length;
    const what = p.q ? ` for “<span class="query">${esc(p.q)}</span>”` : '';
    parts.push(
      `<p id="result-count" role="status">${d.total} result${d.total === 1 ? '' : 's'}${what}${d.total > 0 ? ` · showing ${from}–${to}` : ''}</p>`,
    );
    const exportLink = (format: string, label: string, extra: Record<string, string> = {}) =>
      `<a class="button" href="/api/export${qs({ ...filters, format, ...extra })}" download>${label}</a>`;
    parts.push(`<div class="exports" aria-label="Export these results">
  <span>Export:</span> ${exportLink('jsonl', 'JSONL')} ${exportLink('csv', 'CSV', { bom: 'true' })} ${exportLink('parquet', 'Parquet')} <a class="button secondary" href="/api/export${qs({ ...filters, card: 'true' })}">Dataset card</a>
</div>`);
    const facets = d.facets
      ? `<aside class="facets" aria-label="Refine results">${(['language', 'entities', 'site', 'published'] as const).map((n) => facetList(n, d.facets!, p)).join('')}</aside>`
      : '';
    const list = d.hits.length
      ? `<ol class="results" start="${from}">${d.hits.map(hitItem).join('')}</ol>`
      : '<p class="empty">No articles match. Try fewer words or remove a filter.</p>';
    const next = d.nextCursor
      ? `<nav class="pager" aria-label="Pages"><a rel="next" href="/${qs({ ...filters, cursor: d.nextCursor })}">Next page →</a></nav>`
      : '';
    parts.push(
      `<div class="layout">${facets}<section class="hits" aria-label="Results">${list}${next}</section></div>`,
    );
  }
  return layout({ title: p.q ? `${p.q} – search` : 'Search', body: parts.join('\n'), current: 'search' });
}
