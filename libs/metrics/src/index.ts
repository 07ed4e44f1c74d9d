export * from './metrics-endpoint';
export * from './server-metrics';
