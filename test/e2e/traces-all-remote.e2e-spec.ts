import { describeTraces } from './traces';

describeTraces('all-remote', 25100);
