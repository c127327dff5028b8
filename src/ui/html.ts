/**
 * HTML helpers for the server-rendered web UI: escaping, the page layout, language badges and dates shown
 * in IST with the original time on hover.
 */
import { escapeHtml } from '../store/highlight.ts';

export const esc = (s: unknown): string => escapeHtml(String(s ?? ''));

const LANG_NAMES: Record<string, { label: string; bcp47: string; title: string }> = {
  hin: { label: 'हिन्दी', bcp47: 'hi', title: 'Hindi' },
  eng: { label: 'English', bcp47: 'en', title: 'English' },
  mar: { label: 'मराठी', bcp47: 'mr', title: 'Marathi' },
  nep: { label: 'नेपाली', bcp47: 'ne', title: 'Nepali' },
  urd: { label: 'اردو', bcp47: 'ur', title: 'Urdu' },
};

/** BCP 47 tag for an ISO 639-3 code (for `lang` attributes, so the right fonts and shaping apply). */
export const bcp47 = (code: string): string => LANG_NAMES[code]?.bcp47 ?? 'und';

/** A language badge: the language named in its own script, the English name on hover. */
export function langBadge(code: string, extra = ''): string {
  const l = LANG_NAMES[code];
  return `<span class="badge lang-${esc(code)}${extra ? ` ${extra}` : ''}" title="${esc(l?.title ?? code)}" lang="${l?.bcp47 ?? 'und'}">${esc(l?.label ?? code)}</span>`;
}

const IST = new Intl.DateTimeFormat('en-IN', {
  timeZone: 'Asia/Kolkata',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `<time>` in IST; hovering shows the time as the source wrote it (original zone). */
export function istTime(iso: string | undefined | null): string {
  if (!iso) return '<span class="muted">undated</span>';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return `<span>${esc(iso)}</span>`;
  return `<time datetime="${esc(iso)}" title="Original: ${esc(iso)}">${esc(IST.format(t))} IST</time>`;
}

/**
 * A highlight fragment from the store: already HTML-escaped with `<mark>` around matched words. Anything
 * else that looks like a tag is escaped again, so only `<mark>` can reach the page.
 */
export const safeFragment = (f: string): string => f.replace(/<(?!\/?mark>)/g, '&lt;');

/** Query string from a record (empty values dropped), HTML-escaped for an `href` attribute. */
export function qs(params: Record<string, string | number | boolean | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '' && v !== false) u.set(k, String(v));
  const s = u.toString();
  return s ? `?${esc(s)}` : '';
}

export interface LayoutOptions {
  title: string;
  body: string;
  /** Which nav item is current. */
  current?: 'search' | 'incidents' | 'watches';
}

/** The page shell: skip link, header navigation, main landmark. */
export function layout(o: LayoutOptions): string {
  const nav = (href: string, key: LayoutOptions['current'], label: string) =>
    `<a href="${href}"${o.current === key ? ' aria-current="page"' : ''}>${label}</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · Khabar</title>
<link rel="stylesheet" href="/ui/style.css">
<script src="/ui/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/"><span lang="hi">ख़बर</span> Khabar</a>
  <nav aria-label="Main">${nav('/', 'search', 'Search')}${nav('/incidents', 'incidents', 'Incidents')}${nav('/watches', 'watches', 'Watches')}<a href="/openapi.json">API</a></nav>
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
</body>
</html>`;
}
