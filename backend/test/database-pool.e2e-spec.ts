import { startTestApp, TestApp } from './support/test-app';
import { apiUser } from './support/tasks-client';

// The pool keeps the connections a burst opened. It used to close each one
// after 10 s idle (pg-pool's default): 10 s after a burst, a dozen backends
// ended at once and every request in flight waited for them, 100-380 ms at
// 100 requests/s where the rest took 8 ms (bench/README.md, "Latency after a
// burst"), and the next burst paid for new connections and statements.
describe('the database pool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const backendConnections = async () =>
    (
      await t.db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'taskgate-backend' ORDER BY pid`,
      )
    ).map((row) => row.pid);

  it('keeps the connections a burst opened once they are idle', async () => {
    const user = apiUser(t.http, 'pool');
    const answers = await Promise.all(Array.from({ length: 20 }, () => user.list()));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const afterBurst = await backendConnections();
    expect(afterBurst.length).toBeGreaterThan(2);

    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(await backendConnections()).toEqual(afterBurst);
    expect((await user.list()).status).toBe(200);
  }, 30_000);
});
