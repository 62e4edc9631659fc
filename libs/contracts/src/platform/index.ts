export * from './dead-letters.dto';
export * from './metrics.dto';
export * from './platform.contract';
export * from './platform.dto';
export * from './platform.events';
export * from './traces.dto';
