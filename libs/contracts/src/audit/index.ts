export * from './audit.client';
export * from './audit.contract';
export * from './audit.dto';
