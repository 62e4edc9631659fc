export * from './billing.contract';
export * from './billing.dto';
export * from './billing.events';
