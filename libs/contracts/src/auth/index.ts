export * from './auth.client';
export * from './auth.contract';
export * from './auth.dto';
export * from './auth.events';
