/* API end-to-end tests: the real application against a real PostgreSQL. */
module.exports = {
  displayName: 'backend-e2e',
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@taskgate/api-contract$': '<rootDir>/../libs/api-contract/src/index.ts',
    '^@taskgate/database-availability$': '<rootDir>/../libs/database-availability/src/index.ts',
    '^@taskgate/revocation-feed$': '<rootDir>/../libs/revocation-feed/src/index.ts',
    '^@taskgate/client-errors$': '<rootDir>/../libs/client-errors/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 30000,
  coverageDirectory: '../coverage/backend-e2e',
};
