export default async function globalTeardown() {
  await globalThis.__TASKGATE_CLUSTER__?.stop();
}
