import { InputError } from '../core/errors.ts';
import type { ArticleFilter } from './types.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch-millisecond bounds of a filter's date range; a bare date means that day in IST (Indian sources). */
export function timeBounds(filter: Pick<ArticleFilter, 'from' | 'to'>): { from?: number; to?: number } {
  const parse = (v: string | undefined, end: boolean): number | undefined => {
    if (!v) return undefined;
    const iso = DATE_ONLY.test(v) ? `${v}T${end ? '23:59:59.999' : '00:00:00'}+05:30` : v;
    const t = Date.parse(iso);
    if (Number.isNaN(t))
      throw new InputError('bad-date', `"${v}" is not a date (use YYYY-MM-DD or an ISO 8601 time)`);
    return t;
  };
  return { from: parse(filter.from, false), to: parse(filter.to, true) };
}
