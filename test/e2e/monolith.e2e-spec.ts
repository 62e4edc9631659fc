import { describeTopology } from './topology-suite';

describeTopology('monolith', 21000);
