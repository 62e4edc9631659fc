import { describeTopology } from './topology-suite';

describeTopology('billing-remote', 21200);
