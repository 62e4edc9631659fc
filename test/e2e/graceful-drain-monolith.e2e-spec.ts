import { describeGracefulDrain } from './graceful-drain';

describeGracefulDrain('monolith', 23200);
