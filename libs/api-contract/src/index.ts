export * from './api-token';
export * from './http';
export * from './list-tasks-query';
export * from './task';
