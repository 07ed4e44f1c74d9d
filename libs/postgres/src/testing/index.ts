// The second entry point, `@taskgate/postgres/testing`: for tests only
// (lint refuses it outside specs and test support).
export { createTestDatabase, type TestDatabase } from './test-database';
export { TcpProxy } from './tcp-proxy';
