// Better Auth and its dependencies ship ESM only; Jest on Node 20 runs CJS, so
// @swc/jest compiles them along with our sources (STACK.md pitfall 5).
const esmOnly = [
  'better-auth',
  '@better-auth',
  'better-call',
  'jose',
  'nanostores',
  '@noble',
  'zod',
  'kysely',
  'defu',
  'rou3',
  'uncrypto',
  'nanoid',
  '@standard-schema',
];

module.exports = {
  displayName: 'frontend-server',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[cm]?[tj]s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  coverageDirectory: '../../coverage/frontend/server',
  testTimeout: 30000,
};
