import { retryingDeadlocks } from './retry-deadlocks';

describe('retryingDeadlocks', () => {
  const deadlock = Object.assign(new Error('deadlock detected'), {
    code: '40P01',
  });

  it('runs the transaction again after a deadlock, up to three times in all', async () => {
    const work = jest
      .fn()
      .mockRejectedValueOnce(deadlock)
      .mockRejectedValueOnce({ driverError: { code: '40001' } })
      .mockResolvedValue('done');
    await expect(retryingDeadlocks(work)).resolves.toBe('done');
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('gives up after the third deadlock', async () => {
    const work = jest.fn().mockRejectedValue(deadlock);
    await expect(retryingDeadlocks(work)).rejects.toBe(deadlock);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('never runs it again after another error', async () => {
    const other = Object.assign(new Error('check violation'), {
      code: '23514',
    });
    const work = jest.fn().mockRejectedValue(other);
    await expect(retryingDeadlocks(work)).rejects.toBe(other);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
