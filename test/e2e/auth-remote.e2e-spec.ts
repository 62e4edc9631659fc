import { describeSystemScenario } from './system-scenario';

describeSystemScenario('auth-remote', 21100);
