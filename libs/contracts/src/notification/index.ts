export * from './notification.contract';
export * from './notification.dto';
