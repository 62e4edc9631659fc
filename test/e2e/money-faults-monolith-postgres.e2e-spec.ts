import { describeMoneyFaults } from './money-faults';

describeMoneyFaults('monolith', 22600, { store: 'postgres' });
