import { changeEvents, securityEvents } from '../audit/index.ts';
import { caseDocumentFileRecords, caseDocuments, caseEvents, coerciveMeasureEvents, inspectionEvents, licenceApplicationEvents, licensingBans, procedureDocuments } from '../cases/index.ts';
import { evidence, evidenceAccess, evidenceEvents } from '../evidence/index.ts';
import { complaintAssignments, complaintEvents, complaintIdentityReveals, publicationExclusions, publicationRedactionMarks, publicationReviews, publications, publicationWithdrawals } from '../publicity/index.ts';
import { liaisonContactVisits, liaisonEvaluations, liaisonEvents, liaisonExpertDraws, liaisonFieldSupervisions, liaisonSurveyResponses } from '../liaison/index.ts';
import { spotCheckEvents } from '../spot-checks/index.ts';
import { commandAttachments, commandEventLinks, commandEventLog } from '../command/index.ts';
import { evaluationEvents, evaluationScoreSheets, returnVisitPiiAccess, returnVisitRecords } from '../evaluation/index.ts';
import { transferAttachments, transferEvents } from '../transfers/index.ts';
import { supervisionDocumentEvents, supervisionMeasures, supervisionWarningEvents } from '../supervision/index.ts';
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
  command_attachment: { table: commandAttachments, name: 'command_attachments' },
  command_event_link: { table: commandEventLinks, name: 'command_event_links' },
  // complaints and liaison (issue #6 items 5–6)
  complaint_assignment: { table: complaintAssignments, name: 'complaint_assignments' },
  complaint_identity_reveal: { table: complaintIdentityReveals, name: 'complaint_identity_reveals' },
  liaison_event: { table: liaisonEvents, name: 'liaison_events' },
  field_supervision: { table: liaisonFieldSupervisions, name: 'liaison_field_supervisions' },
  contact_visit: { table: liaisonContactVisits, name: 'liaison_contact_visits' },
  survey_response: { table: liaisonSurveyResponses, name: 'liaison_survey_responses' },
  third_party_evaluation: { table: liaisonEvaluations, name: 'liaison_evaluations' },
  expert_draw: { table: liaisonExpertDraws, name: 'liaison_expert_draws' },
  evaluation_event: { table: evaluationEvents, name: 'evaluation_events' },
  evaluation_score_sheet: { table: evaluationScoreSheets, name: 'evaluation_score_sheets' },
  return_visit_record: { table: returnVisitRecords, name: 'return_visit_records' },
  return_visit_pii_access: { table: returnVisitPiiAccess, name: 'return_visit_pii_access' },
  transfer_event: { table: transferEvents, name: 'transfer_events' },
  transfer_attachment: { table: transferAttachments, name: 'transfer_attachments' },
  supervision_warning_event: { table: supervisionWarningEvents, name: 'supervision_warning_events' },
  supervision_document_event: { table: supervisionDocumentEvents, name: 'supervision_document_events' },
  supervision_measure: { table: supervisionMeasures, name: 'supervision_measures' },
  annual_report_event: { table: annualReportEvents, name: 'annual_report_events' },
  // rendered document files: content hash per file, checked against the blob store (issue #8)
  document_file: { table: caseDocumentFileRecords, name: 'case_document_file_records' },
  procedure_document: { table: procedureDocuments, name: 'procedure_documents' },
  // publicity review before release (issue #4, PR3)
  publication_redaction_mark: { table: publicationRedactionMarks, name: 'publication_redaction_marks' },
  publication_review: { table: publicationReviews, name: 'publication_reviews' },
} as const;
