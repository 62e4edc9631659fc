import { describeAuditTampering } from './audit-tampering';

describeAuditTampering('all-remote', 24500);
