import { describeBillingCrash } from './billing-crash';

describeBillingCrash('monolith', 23900);
