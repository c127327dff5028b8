/**
 * Incident pages: the list, one merged record (both titles, every field with its sources, the timeline in
 * date order with source links in both languages) and the watches page (each feed, a form to add one).
 */
import type { Claim, IncidentRecord, ResolvedField, Watch } from '../../incidents/types.ts';
import type { IncidentSummary } from '../../store/incidents/types.ts';
import { bcp47, esc, istTime, langBadge, layout, qs } from '../html.ts';

const day = (iso?: string) => (iso ? esc(iso.slice(0, 10)) : '?');

export interface IncidentListData {
  total: number;
  incidents: IncidentSummary[];
  type?: string;
  types: string[];
  nextCursor?: string | null;
}

/** The incident list, most recently reported first, with a type filter. */
export function incidentListPage(d: IncidentListData): string {
  const options = ['', ...d.types]
    .map(
      (t) =>
        `<option value="${esc(t)}"${t === (d.type ?? '') ? ' selected' : ''}>${esc(t || 'any type')}</option>`,
    )
    .join('');
  const items = d.incidents
    .map(
      (i) => `<li class="hit incident" data-id="${esc(i.id)}">
<h2><a href="/incidents/${encodeURIComponent(i.id)}">${esc(i.title.eng)}</a></h2>
<p class="alt-title" lang="hi">${esc(i.title.hin)}</p>
<p class="meta"><span class="badge">${esc(i.type)}</span>${i.status ? ` <span class="badge">${esc(i.status)}</span>` : ''} ${day(i.firstSeen)} – ${day(i.lastSeen)} · ${i.articleCount} articles, ${i.storyCount} independent stories</p>
</li>`,
    )
    .join('\n');
  const body = `<h1>Incidents</h1>
<form class="search" method="get" action="/incidents"><div class="row"><label for="type">Type</label> <select id="type" name="type">${options}</select> <button type="submit">Filter</button></div></form>
<p class="count" id="incident-count">${d.total} incidents</p>
${d.incidents.length ? `<ol class="results">${items}</ol>` : '<p class="empty">No incidents yet. Ingest articles, then run <code>khabar incidents update</code>.</p>'}
${d.nextCursor ? `<p class="pager"><a class="button secondary" href="/incidents${qs({ type: d.type, cursor: d.nextCursor })}">Next page</a></p>` : ''}`;
  return layout({ title: 'Incidents', current: 'incidents', body });
}

function sourceLinks(r: IncidentRecord, articles: string[]): string {
  const byId = new Map(r.sources.map((s) => [s.articleId, s]));
  return articles
    .map((id) => {
      const s = byId.get(id);
      const label = s?.site ?? `article ${id.slice(0, 6)}`;
      return `<a href="/articles/${encodeURIComponent(id)}" title="${esc(s?.title ?? id)}">${esc(label)}</a>${s ? ` ${langBadge(s.language, 'small')}` : ''}`;
    })
    .join(', ');
}

function claimRow(r: IncidentRecord, c: Claim<unknown>, chosen = false): string {
  return `<li${chosen ? ' class="chosen"' : ''}><strong>${esc(c.value)}</strong> <span class="muted">×${c.stories}</span> — ${sourceLinks(r, c.articles)}</li>`;
}

function fieldRows(r: IncidentRecord): string {
  const rows: string[] = [];
  const resolved = (name: string, f: ResolvedField<unknown>) => {
    if (!f.claims.length) return;
    rows.push(
      `<tr><th scope="row">${esc(name)}</th><td>${f.value !== undefined ? `<strong>${esc(f.value)}</strong> <span class="muted">(${esc(f.rule)}${f.conflict ? ', conflicting claims' : ''})</span>` : ''}<ul class="claims">${f.claims.map((c) => claimRow(r, c, c.value === f.value)).join('')}</ul></td></tr>`,
    );
  };
  const list = (name: string, cs: Claim<unknown>[]) => {
    if (cs.length)
      rows.push(
        `<tr><th scope="row">${esc(name)}</th><td><ul class="claims">${cs.map((c) => claimRow(r, c)).join('')}</ul></td></tr>`,
      );
  };
  resolved('Type', r.typeField);
  resolved('Status', r.status);
  resolved('Start', r.start);
  resolved('End', r.end);
  resolved('Duration', r.duration);
  list('Targets', r.targets);
  list('Places', r.locations);
  list('Services affected', r.impact.services);
  list('Counts', r.impact.counts);
  list('People', r.impact.people);
  list('Investigators', r.investigators);
  list('Responders', r.responders);
  list('Actions', r.actions);
  return rows.join('\n');
}

/** One incident record. */
export function incidentPage(r: IncidentRecord, feed: string): string {
  const events = [...r.timeline].sort((a, b) => a.date.localeCompare(b.date));
  const timeline = events
    .map(
      (e) => `<li class="event" data-date="${esc(e.date)}" data-kind="${esc(e.kind)}">
<h3><time datetime="${esc(e.date)}">${esc(e.date)}</time> ${esc(e.label)}</h3>
<ul class="event-sources">${e.sources
        .map(
          (s) =>
            `<li data-lang="${esc(s.language)}">${langBadge(s.language, 'small')} <q lang="${bcp47(s.language)}">${esc(s.sentence)}</q> <a href="/articles/${encodeURIComponent(s.articleId)}">article</a>${s.url ? ` · <a href="${esc(s.url)}" rel="noopener noreferrer">source</a>` : ''}${s.datedInText ? '' : ' <span class="muted">(publication date)</span>'}</li>`,
        )
        .join('')}</ul></li>`,
    )
    .join('\n');
  const sources = r.sources
    .map(
      (s) =>
        `<li data-lang="${esc(s.language)}">${langBadge(s.language, 'small')} <a href="/articles/${encodeURIComponent(s.articleId)}" lang="${bcp47(s.language)}">${esc(s.title)}</a> <span class="muted">${esc(s.site ?? '')}</span> ${istTime(s.published)}${s.url ? ` · <a href="${esc(s.url)}" rel="noopener noreferrer">original</a>` : ''}${s.copyOf ? ' <span class="muted">(syndicated copy)</span>' : ''}</li>`,
    )
    .join('\n');
  const body = `<article class="incident">
<h1 lang="en">${esc(r.title.eng)}</h1>
<p class="alt-title" lang="hi">${esc(r.title.hin)}</p>
<p class="meta"><span class="badge">${esc(r.type)}</span> ${r.articleCount} articles, ${r.storyCount} independent stories · ${day(r.firstSeen)} – ${day(r.lastSeen)} · <a href="${esc(feed)}">Atom feed</a> · <a href="/api/incidents/${encodeURIComponent(r.id)}">JSON</a></p>
<section aria-labelledby="fields-h"><h2 id="fields-h">What the sources say</h2>
<div class="table-wrap"><table class="fields"><tbody>${fieldRows(r)}</tbody></table></div></section>
<section aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>
${events.length ? `<ol class="timeline">${timeline}</ol>` : '<p class="empty">No dated events.</p>'}</section>
<section aria-labelledby="sources-h"><h2 id="sources-h">Articles (${r.sources.length})</h2><ul class="sources">${sources}</ul></section>
</article>`;
  return layout({ title: r.title.eng, current: 'incidents', body });
}

export interface WatchesPageData {
  watches: Watch[];
  feedOf: (id: string) => string;
  message?: string;
  error?: string;
  needsKey: boolean;
  /** CSRF token for the add-a-watch form (checked with the cookie the server set). */
  csrfToken: string;
}

/** Saved watches with their feeds, and a form to add one. */
export function watchesPage(d: WatchesPageData): string {
  const rows = d.watches
    .map(
      (w) =>
        `<li class="watch" data-id="${esc(w.id)}"><strong>${esc(w.name ?? (w.kind === 'query' ? `search “${w.query}”` : `incident ${w.incidentId}`))}</strong>${w.lang ? ` ${langBadge(w.lang, 'small')}` : ''}
<span class="muted">${esc(w.kind)}${w.kind === 'incident' && w.incidentId ? ` · <a href="/incidents/${encodeURIComponent(w.incidentId)}">incident</a>` : ''} · since ${istTime(w.createdAt)}</span><br>
Feed: <a class="feed" href="${esc(d.feedOf(w.id))}">${esc(d.feedOf(w.id))}</a></li>`,
    )
    .join('\n');
  const body = `<h1>Watches</h1>
${d.message ? `<p class="notice" role="status">${esc(d.message)}</p>` : ''}${d.error ? `<p class="error" role="alert">${esc(d.error)}</p>` : ''}
${d.watches.length ? `<ul class="watches">${rows}</ul>` : '<p class="empty">No watches yet.</p>'}
<section aria-labelledby="add-h"><h2 id="add-h">Add a watch</h2>
<form class="search" method="post" action="/watches">
<input type="hidden" name="_csrf" value="${esc(d.csrfToken)}">
<p class="muted">Give a search (Hindi or English; AIIMS also finds एम्स) or an incident id.${d.needsKey ? ' Saving needs the API key (your browser will ask).' : ''}</p>
<div class="row"><label for="w-query">Search</label> <input id="w-query" name="query" type="search" maxlength="500"></div>
<div class="row"><label for="w-incident">Incident id</label> <input id="w-incident" name="incidentId" maxlength="200"></div>
<div class="row"><label for="w-lang">Language</label> <select id="w-lang" name="lang"><option value="">any</option><option value="hin">हिन्दी</option><option value="eng">English</option></select></div>
<div class="row"><label for="w-name">Name</label> <input id="w-name" name="name" maxlength="200"></div>
<div class="row"><button type="submit">Add watch</button></div>
</form></section>`;
  return layout({ title: 'Watches', current: 'watches', body });
}
