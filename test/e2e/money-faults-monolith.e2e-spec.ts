import { describeMoneyFaults } from './money-faults';

describeMoneyFaults('monolith', 22000);
