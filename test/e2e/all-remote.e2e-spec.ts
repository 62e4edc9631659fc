import { describeTopology } from './topology-suite';

describeTopology('all-remote', 21500);
