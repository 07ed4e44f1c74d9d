/* The cross-replica suite: `npm run cluster` (3 backends, 2 frontend servers, HAProxy, Redis, PostgreSQL) driven over HTTP. Needs the build. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../../tsconfig.base.json');

module.exports = {
  displayName: 'cluster',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/../../' }),
  testTimeout: 60_000,
};
