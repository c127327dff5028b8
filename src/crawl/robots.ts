/**
 * robots.txt (RFC 9309): groups by user-agent, Allow/Disallow with `*` and `$`, longest match wins (Allow on
 * ties), Crawl-delay and Sitemap lines. Fetched once per origin through the crawler's own client.
 */

interface Rule {
  allow: boolean;
  pattern: string;
  re: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay?: number;
}

function toRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

export class Robots {
  readonly sitemaps: string[] = [];
  readonly #groups: Group[] = [];
  /** `allow-all` (4xx, no file), `disallow-all` (unreachable, 5xx), or `parsed`. */
  readonly mode: 'allow-all' | 'disallow-all' | 'parsed';

  constructor(text: string | undefined, mode: 'allow-all' | 'disallow-all' | 'parsed' = 'parsed') {
    this.mode = text === undefined ? (mode === 'parsed' ? 'allow-all' : mode) : 'parsed';
    if (text === undefined) return;
    let current: Group | undefined;
    let lastWasAgent = false;
    for (const raw of text.split(/\r?\n/)) {
      // By index, not by regex: `/#.*$/` and `/^(\w+)\s*:\s*(.*)$/` backtrack over a hostile line.
      const hash = raw.indexOf('#');
      const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
      const colon = line.indexOf(':');
      const field = colon > 0 ? line.slice(0, colon).trim() : '';
      if (!/^[A-Za-z-]+$/.test(field)) continue;
      const key = field.toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'user-agent') {
        if (!current || !lastWasAgent) {
          current = { agents: [], rules: [] };
          this.#groups.push(current);
        }
        current.agents.push(value.toLowerCase());
        lastWasAgent = true;
        continue;
      }
      lastWasAgent = false;
      if (key === 'sitemap') {
        this.sitemaps.push(value);
        continue;
      }
      if (!current) continue;
      if (key === 'allow' || key === 'disallow') {
        if (value === '') continue; // "Disallow:" with nothing allows everything
        current.rules.push({ allow: key === 'allow', pattern: value, re: toRegExp(value) });
      } else if (key === 'crawl-delay') {
        const n = Number(value);
        if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
      }
    }
  }

  /** The group for our product token, else `*`. */
  #group(userAgent: string): Group | undefined {
    const token = userAgent.split(/[/\s]/)[0]!.toLowerCase();
    return (
      this.#groups.find((g) => g.agents.some((a) => a !== '*' && token.startsWith(a))) ??
      this.#groups.find((g) => g.agents.includes('*'))
    );
  }

  isAllowed(url: string, userAgent: string): boolean {
    if (this.mode === 'allow-all') return true;
    if (this.mode === 'disallow-all') return false;
    const u = new URL(url);
    if (u.pathname === '/robots.txt') return true;
    const path = decodeURIComponentSafe(u.pathname) + u.search;
    const group = this.#group(userAgent);
    if (!group) return true;
    let best: Rule | undefined;
    for (const r of group.rules) {
      if (!r.re.test(path) && !r.re.test(u.pathname + u.search)) continue;
      if (
        !best ||
        r.pattern.length > best.pattern.length ||
        (r.pattern.length === best.pattern.length && r.allow)
      )
        best = r;
    }
    return best ? best.allow : true;
  }

  /** Crawl-delay in milliseconds, when the file sets one for us. */
  crawlDelayMs(userAgent: string): number | undefined {
    const d = this.#group(userAgent)?.crawlDelay;
    return d === undefined ? undefined : d * 1000;
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
