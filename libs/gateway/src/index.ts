export * from './gateway.module';
export * from './set-up-gateway';
