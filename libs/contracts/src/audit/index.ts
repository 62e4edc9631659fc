export * from './audit.contract';
export * from './audit.dto';
