import { describeGracefulDrain } from './graceful-drain';

describeGracefulDrain('all-remote', 23100);
