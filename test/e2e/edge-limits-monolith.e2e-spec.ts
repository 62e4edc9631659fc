import { describeEdgeLimits } from './edge-limits';

describeEdgeLimits('monolith', 24000);
