import { describeTransportLimits } from './transport-limits';

describeTransportLimits('all-remote', 22400);
