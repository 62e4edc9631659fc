import { describeSystemScenario } from './system-scenario';

describeSystemScenario('monolith', 21000);
