import { describeGracefulDrain } from './graceful-drain';

describeGracefulDrain('nats-all-remote', 24800);
