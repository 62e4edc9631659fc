import { describeTopology } from './topology-suite';

describeTopology('audit-remote', 21400);
