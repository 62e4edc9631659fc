import { describeEdgeLimits } from './edge-limits';

describeEdgeLimits('all-remote', 24100);
