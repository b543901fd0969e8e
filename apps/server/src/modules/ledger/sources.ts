import { changeEvents, securityEvents } from '../audit/index.ts';
import { caseDocuments, caseEvents, coerciveMeasureEvents, inspectionEvents, licenceApplicationEvents, licensingBans } from '../cases/index.ts';
import { evidence, evidenceAccess, evidenceEvents } from '../evidence/index.ts';
import { complaintEvents, publicationExclusions, publications, publicationWithdrawals } from '../publicity/index.ts';
import { spotCheckEvents } from '../spot-checks/index.ts';
import { commandEventLog } from '../command/index.ts';
import { annualReportEvents } from '../statistics/index.ts';

/**
 * Every table whose rows are leaves of the tamper-evident log (kind → table): the writers append each inserted row in
 * the same transaction (`audit.appendRecords` / `ledger.append`), the verifier reads each row back and compares, and
 * the export carries them. A row in one of these tables without its entry is reported as unlogged.
 */
export const LOGGED_SOURCES = {
  change_event: { table: changeEvents, name: 'change_events' },
  security_event: { table: securityEvents, name: 'security_events' },
  evidence: { table: evidence, name: 'evidence' },
  evidence_access: { table: evidenceAccess, name: 'evidence_access' },
  evidence_event: { table: evidenceEvents, name: 'evidence_events' },
  case_event: { table: caseEvents, name: 'case_events' },
  case_document: { table: caseDocuments, name: 'case_documents' },
  licence_application_event: { table: licenceApplicationEvents, name: 'licence_application_events' },
  licensing_ban: { table: licensingBans, name: 'licensing_bans' },
  inspection_event: { table: inspectionEvents, name: 'inspection_events' },
  coercive_measure_event: { table: coerciveMeasureEvents, name: 'coercive_measure_events' },
  spot_check_event: { table: spotCheckEvents, name: 'spot_check_events' },
  publication: { table: publications, name: 'publications' },
  publication_exclusion: { table: publicationExclusions, name: 'publication_exclusions' },
  publication_withdrawal: { table: publicationWithdrawals, name: 'publication_withdrawals' },
  complaint_event: { table: complaintEvents, name: 'complaint_events' },
  command_event: { table: commandEventLog, name: 'command_event_log' },
  annual_report_event: { table: annualReportEvents, name: 'annual_report_events' },
} as const;
