import { describeTopology } from './topology-suite';

describeTopology('nats-all-remote', 24600);
