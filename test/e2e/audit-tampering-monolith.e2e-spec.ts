import { describeAuditTampering } from './audit-tampering';

describeAuditTampering('monolith', 24400);
