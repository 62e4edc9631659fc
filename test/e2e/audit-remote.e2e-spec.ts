import { describeSystemScenario } from './system-scenario';

describeSystemScenario('audit-remote', 21200);
