import { describeEventFaults } from './event-faults';

describeEventFaults('monolith', 23400);
