/** Data exceptions (22…) and integrity constraint violations (23…). */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** One caller's item and how to answer it. */
interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the items that arrive in one turn of the event loop and hands them
 * to `runBatch` together, right after that turn's I/O (setImmediate): under
 * load, the writes of many requests become one statement and one commit;
 * a lone request waits only for the end of its turn. Each turn's batch runs
 * on its own, never waiting for an earlier one. `runBatch` answers each item
 * by its index: a result, or an Error of that item's own.
 *
 * When the statement fails on data (SQLSTATE class 22 or 23: a value or a
 * constraint), each half of the batch runs again, and so on down to the bad
 * item alone: one item's bad data never fails another caller's write, and
 * finding it costs a few statements, not one per item. Any other failure (a
 * timeout, a lost connection) is every item's answer.
 *
 * Measured (bench/README.md, "Writes in batches"): PostgreSQL inserted about
 * three times as many tasks a second in statements of ten as one at a time
 * (pgbench, 20 clients: 14,160 against 4,789): the statement triggers, the
 * executor's start and the commit are paid once a statement.
 */
export class TurnBatcher<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];

  constructor(
    private readonly runBatch: (items: Item[]) => Promise<(Result | Error)[]>,
    private readonly maxItems = 100,
  ) {}

  run(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ item, resolve, reject });
    });
  }

  private flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (let start = 0; start < waiting.length; start += this.maxItems) {
      void this.settle(waiting.slice(start, start + this.maxItems));
    }
  }

  private async settle(batch: Waiting<Item, Result>[]): Promise<void> {
    let results: (Result | Error)[];
    try {
      results = await this.runBatch(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length > 1 && isDataError(error)) {
        const half = Math.ceil(batch.length / 2);
        void this.settle(batch.slice(0, half));
        void this.settle(batch.slice(half));
      } else {
        for (const waiting of batch) waiting.reject(error);
      }
      return;
    }
    batch.forEach((waiting, index) => {
      const result = results[index];
      if (result instanceof Error) waiting.reject(result);
      else waiting.resolve(result);
    });
  }
}
