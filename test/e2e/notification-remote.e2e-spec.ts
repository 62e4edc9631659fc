import { describeTopology } from './topology-suite';

describeTopology('notification-remote', 21300);
