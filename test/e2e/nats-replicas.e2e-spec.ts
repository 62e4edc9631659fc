import { describeTopology } from './topology-suite';

/**
 * The whole scenario again, with the gateway, auth and billing each running twice on one NATS bus
 * and every database in PostgreSQL (ADR 0028, 0030): requests go to the two gateways in turn.
 */
describeTopology('nats-replicas', 26100, { store: 'postgres' });
