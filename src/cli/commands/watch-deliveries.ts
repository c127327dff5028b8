/** Printing webhook deliveries for `khabar watch deliveries` and `khabar watch deliver`. */
import type { WebhookDelivery } from '../../store/incidents/types.ts';
import { dim, writeLine } from '../output.ts';

/** Scheme and host of a URL: webhook paths often carry tokens, so lists show where, not the whole URL. */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(not a URL)';
  }
}

// Control characters from a receiver's error text must not reach the terminal.
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 300);

/** One line per delivery (or its JSON, with the URL reduced to its origin). */
export function printDeliveries(deliveries: WebhookDelivery[], json: boolean): void {
  for (const d of deliveries) {
    const { payload, url, ...rest } = d;
    if (json) {
      writeLine(
        JSON.stringify({
          ...rest,
          receiver: webhookOrigin(url),
          notifications: payload.notifications.length,
        }),
      );
      continue;
    }
    const when = d.state === 'delivered' ? d.deliveredAt : d.state === 'dead' ? d.updatedAt : d.nextAttemptAt;
    writeLine(
      [
        d.state.padEnd(9),
        `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`.padEnd(11),
        String(d.lastStatus ?? '-').padEnd(4),
        when ?? '-',
        d.watchId,
        webhookOrigin(url),
        d.lastError ? dim(clean(d.lastError)) : '',
      ]
        .join('  ')
        .trimEnd(),
    );
  }
}
