import { describeBillingCrash } from './billing-crash';

describeBillingCrash('all-remote', 23800);
