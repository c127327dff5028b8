/**
 * Push-style adapter for the pull-style driver: the crawler pushes source items as it fetches them; the
 * driver consumes them as an async iterable. `push` waits while the queue is full (back-pressure).
 */
import type { SourceItem } from '../sources/files.ts';

export class ItemQueue implements AsyncIterable<SourceItem> {
  readonly #items: SourceItem[] = [];
  readonly #highWater: number;
  #closed = false;
  #onItem: (() => void) | undefined;
  #onSpace: (() => void)[] = [];

  constructor(highWater = 64) {
    this.#highWater = highWater;
  }

  get size(): number {
    return this.#items.length;
  }

  async push(item: SourceItem): Promise<void> {
    if (this.#closed) throw new Error('queue is closed');
    while (this.#items.length >= this.#highWater) await new Promise<void>((r) => this.#onSpace.push(r));
    this.#items.push(item);
    this.#onItem?.();
  }

  close(): void {
    this.#closed = true;
    this.#onItem?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SourceItem> {
    for (;;) {
      const item = this.#items.shift();
      if (item) {
        this.#onSpace.shift()?.();
        yield item;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((r) => {
        this.#onItem = r;
      });
      this.#onItem = undefined;
    }
  }
}
