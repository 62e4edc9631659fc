export * from './platform.contract';
export * from './platform.dto';
export * from './platform.events';
