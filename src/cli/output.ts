/** Small terminal helpers: tables, colours only on a TTY, highlight marks made readable, names escaped. */
import { printable } from '../core/printable.ts';

export { printable };

let tty = Boolean(process.stdout.isTTY);

/** Apply the output settings of the configuration (main.ts calls it once at start-up). */
export function configureOutput(options: { noColor: boolean }): void {
  tty = Boolean(process.stdout.isTTY) && !options.noColor;
}

export const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[22m` : s);
export const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[22m` : s);

const UNESCAPE: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** `<mark>x</mark>` → bold on a terminal, «x» elsewhere; HTML entities decoded. */
export function renderHighlight(fragment: string): string {
  return fragment
    .replace(/<mark>(.*?)<\/mark>/g, (_, w: string) => (tty ? `\x1b[1;33m${w}\x1b[0m` : `«${w}»`))
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => UNESCAPE[e]!);
}

export function writeLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}
