import { describeEventFaults } from './event-faults';

describeEventFaults('all-remote', 23700);
