export * from './notification.client';
export * from './notification.contract';
export * from './notification.dto';
