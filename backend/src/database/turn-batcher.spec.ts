import { TurnBatcher } from './turn-batcher';

class SqlError extends Error {
  constructor(readonly code: string) {
    super(`SQLSTATE ${code}`);
  }
}

/** A batcher whose statement doubles numbers, refuses negative ones as a constraint would, and records each batch. */
function doubling(maxItems?: number, failure?: (items: number[]) => Error | undefined) {
  const batches: number[][] = [];
  const batcher = new TurnBatcher<number, number>(async (items) => {
    batches.push(items);
    const error = failure?.(items);
    if (error) throw error;
    return items.map((item) => (item === 0 ? new Error('zero has no row') : item * 2));
  }, maxItems);
  return { batcher, batches };
}

describe('TurnBatcher', () => {
  it('runs the items of one turn together, in order, and answers each caller its own result', async () => {
    const { batcher, batches } = doubling();
    const results = await Promise.all([1, 2, 3].map((item) => batcher.run(item)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('runs a lone item in a batch of one, and an item of a later turn in a batch of its own', async () => {
    const { batcher, batches } = doubling();
    expect(await batcher.run(5)).toBe(10);
    expect(await batcher.run(6)).toBe(12);
    expect(batches).toEqual([[5], [6]]);
  });

  it('splits a turn into batches of at most maxItems', async () => {
    const { batcher, batches } = doubling(2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((item) => batcher.run(item)))).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects only the caller whose item the batch answered with an Error', async () => {
    const { batcher } = doubling();
    const results = await Promise.allSettled([1, 0, 3].map((item) => batcher.run(item)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('zero has no row') },
      { status: 'fulfilled', value: 6 },
    ]);
  });

  it('runs the halves again after a data error, down to the bad item alone, which alone fails', async () => {
    const { batcher, batches } = doubling(undefined, (items) => (items.some((item) => item < 0) ? new SqlError('23514') : undefined));
    const results = await Promise.allSettled([1, 2, -1, 3, 4].map((item) => batcher.run(item)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'fulfilled', value: 4 },
      { status: 'rejected', reason: expect.objectContaining({ code: '23514' }) },
      { status: 'fulfilled', value: 6 },
      { status: 'fulfilled', value: 8 },
    ]);
    expect(batches).toEqual([[1, 2, -1, 3, 4], [1, 2, -1], [3, 4], [1, 2], [-1]]);
  });

  it('fails every item of the batch, once, on any other error (a timeout, a lost connection)', async () => {
    const { batcher, batches } = doubling(undefined, () => new SqlError('57014'));
    const results = await Promise.allSettled([1, 2].map((item) => batcher.run(item)));
    expect(results).toEqual([
      { status: 'rejected', reason: expect.objectContaining({ code: '57014' }) },
      { status: 'rejected', reason: expect.objectContaining({ code: '57014' }) },
    ]);
    expect(batches).toEqual([[1, 2]]);
  });
});
