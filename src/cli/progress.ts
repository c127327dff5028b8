/**
 * Progress on stderr: a live line on a terminal, a periodic plain line otherwise (logs, CI), nothing with
 * --quiet. Counts come from document outcomes, so what is shown is what was stored.
 */
import type { DocumentOutcome } from '../pipeline/document.ts';

export class Progress {
  readonly #tty: boolean;
  readonly #quiet: boolean;
  readonly #started = performance.now();
  #done = 0;
  #problems = 0;
  #lastPrint = 0;
  readonly #label: string;

  constructor(label: string, options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}) {
    this.#label = label;
    this.#quiet = options.quiet ?? false;
    this.#tty = Boolean((options.stream ?? process.stderr).isTTY);
  }

  tick(outcome: DocumentOutcome): void {
    this.#done++;
    if (outcome.disposition === 'rejected' || outcome.disposition === 'failed') this.#problems++;
    if (this.#quiet) return;
    const now = performance.now();
    if (this.#tty && now - this.#lastPrint > 80) {
      process.stderr.write(`\r\x1b[K${this.line()}`);
      this.#lastPrint = now;
    } else if (!this.#tty && now - this.#lastPrint > 5000) {
      process.stderr.write(`${this.line()}\n`);
      this.#lastPrint = now;
    }
  }

  line(): string {
    const secs = (performance.now() - this.#started) / 1000;
    const rate = secs > 0 ? (this.#done / secs).toFixed(1) : '0';
    return `${this.#label}: ${this.#done} documents, ${this.#problems} not stored, ${rate}/s`;
  }

  end(): void {
    if (!this.#quiet && this.#tty) process.stderr.write('\r\x1b[K');
  }
}
