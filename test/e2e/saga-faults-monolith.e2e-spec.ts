import { describeSagaFaults } from './saga-faults';

describeSagaFaults('monolith', 23000);
