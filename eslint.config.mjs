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
          enforceBuildableLibDependency: true,
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
            {
              sourceTag: 'type:contract',
              onlyDependOnLibsWithTags: ['type:contract'],
            },
          ],
        },
      ],
    },
  },
];
