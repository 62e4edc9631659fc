import { describeTopology } from './topology-suite';

/** The monolith again, every module keeping its data in PostgreSQL 15 (a schema each). */
describeTopology('monolith', 21600, { store: 'postgres' });
