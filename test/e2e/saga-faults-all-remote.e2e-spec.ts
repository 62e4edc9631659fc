import { describeSagaFaults } from './saga-faults';

describeSagaFaults('all-remote', 23300);
