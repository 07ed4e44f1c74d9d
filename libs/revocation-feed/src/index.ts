export * from './revocation-feed.schema';
export * from './revocation-record';
