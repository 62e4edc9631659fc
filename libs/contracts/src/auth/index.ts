export * from './auth.contract';
export * from './auth.dto';
export * from './auth.events';
