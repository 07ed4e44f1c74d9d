export * from './lib/api-contract';
