import { describeTraces } from './traces';

describeTraces('monolith', 25000);
