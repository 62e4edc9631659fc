import { AuditEntryView } from '@app/contracts';
import { AuditEntry } from '../database/audit-entry.entity';

export function toAuditEntryView(entry: AuditEntry): AuditEntryView {
  return { ...entry, payload: JSON.parse(entry.payload) as Record<string, unknown> };
}
