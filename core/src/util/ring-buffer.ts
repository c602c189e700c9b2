/** A fixed-capacity FIFO. Pushing onto a full buffer evicts the oldest item and returns it. */
export class RingBuffer<T> {
  readonly #items: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
    this.#items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(item: T): T | undefined {
    const tail = (this.#head + this.#size) % this.capacity;
    if (this.#size < this.capacity) {
      this.#items[tail] = item;
      this.#size += 1;
      return undefined;
    }
    const evicted = this.#items[this.#head];
    this.#items[this.#head] = item;
    this.#head = (this.#head + 1) % this.capacity;
    return evicted;
  }

  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.capacity;
    this.#size -= 1;
    return item;
  }

  /** Oldest first. */
  toArray(): T[] {
    return Array.from(
      { length: this.#size },
      (_, index) => this.#items[(this.#head + index) % this.capacity] as T,
    );
  }

  newest(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[(this.#head + this.#size - 1) % this.capacity];
  }
}
