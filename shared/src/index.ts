export * from './accounts';
export * from './api';
export * from './audit';
export * from './domain';
export * from './geo';
