import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts', '**/*.mjs'],
    rules: {
      // Every test must be able to fail: no skipped or focused tests.
      'no-restricted-properties': [
        'error',
        { object: 'test', property: 'skip', message: 'Tests are never skipped.' },
        { object: 'test', property: 'only', message: 'Tests are never focused.' },
        { object: 'describe', property: 'skip', message: 'Tests are never skipped.' },
      ],
    },
  },
];
