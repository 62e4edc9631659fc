import { describeSystemScenario } from './system-scenario';

describeSystemScenario('all-remote', 21300);
