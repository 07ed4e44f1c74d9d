import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.data', '**/test-results'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // Every library is compiled into its consumer's bundle (esbuild), none is
          // published alone, so a buildable one may import any other.
          enforceBuildableLibDependency: false,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // Each side may use itself and the shared contract, never the other side.
            {
              sourceTag: 'scope:backend',
              onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'],
            },
            {
              sourceTag: 'scope:frontend',
              onlyDependOnLibsWithTags: ['scope:frontend', 'scope:shared'],
            },
            // The browser tests drive the product from outside; they share only the contract.
            {
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: ['scope:e2e', 'scope:shared'],
            },
            // The docs project only checks the Markdown; it imports nothing.
            {
              sourceTag: 'scope:docs',
              onlyDependOnLibsWithTags: [],
            },
            // The contract is plain TypeScript: no framework may leak into it.
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [
                '@nestjs/*',
                '@angular/*',
                'typeorm',
                'class-validator',
                'class-transformer',
                'better-auth',
                'express',
                'fastify',
              ],
            },
            // Where code runs: the browser app never imports Node code (a server
            // module, a database driver, a secret-handling library).
            {
              sourceTag: 'platform:browser',
              onlyDependOnLibsWithTags: ['platform:browser', 'platform:any'],
              bannedExternalImports: ['pg', 'ioredis', 'express', 'better-auth/node', 'jsonwebtoken', 'rate-limiter-flexible'],
            },
            {
              sourceTag: 'platform:node',
              onlyDependOnLibsWithTags: ['platform:node', 'platform:any'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              sourceTag: 'platform:any',
              onlyDependOnLibsWithTags: ['platform:any'],
            },
            // What a project is: apps and tests use libraries, libraries never an app.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contract'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:util', 'type:contract'],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contract'],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util', 'type:contract'],
            },
            {
              sourceTag: 'type:contract',
              onlyDependOnLibsWithTags: ['type:contract'],
            },
            {
              sourceTag: 'type:docs',
              onlyDependOnLibsWithTags: [],
            },
          ],
        },
      ],
    },
  },
  // A library's `testing` entry point (throw-away databases, a fault proxy)
  // is for tests only: production code that imported it would ship it.
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**', '**/testing/**', '**/jest.config.*', 'e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@taskgate/*/testing'], message: 'A testing entry point is for tests only.' }] },
      ],
    },
  },
];
