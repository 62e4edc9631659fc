import { describeTopology } from './topology-suite';

describeTopology('auth-remote', 21100);
