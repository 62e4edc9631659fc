import { describeMoneyFaults } from './money-faults';

describeMoneyFaults('all-remote', 22300);
