import type { ClinicalSnapshot } from '../clinical-snapshot.js';
import { wallClock } from '../datetime.js';
import type { CaseDetailDto } from '../schemas.js';
import type { PdfFont } from '../../../shared/pdf-font.js';
import { LETTER_TEXT, NAMES, fill, specialtyName, type LetterKey, type LetterLang } from './letter-texts.js';
import { newPdf } from './pdf-document.js';

export interface LetterData {
  hospital: { name: string; nameEn: string | null; department: string | null; departmentEn: string | null };
  detail: CaseDetailDto;
  chairName: string | null;
  generatedAt: Date;
  timeZone: string;
}

const INK = '#1f1f1f';
const ACCENT = '#0b6e4f';

function stage(s: { t: string | null; n: string | null; m: string | null; group: string | null } | null): string | null {
  if (!s) return null;
  const tnm = [s.t, s.n, s.m].filter(Boolean).join(' ');
  return [tnm, s.group ? `(${s.group})` : null].filter(Boolean).join(' ') || null;
}

/** Clinical lines from the snapshot; empty sections say "not in the record". */
function clinicalLines(snap: ClinicalSnapshot, t: (k: LetterKey) => string): [string, string][] {
  const none = t('noRecord');
  const diagnoses = snap.diagnoses.map((d) =>
    [d.label ?? d.site, d.icd10, d.clinicalStage ? `${t('clinicalStage')} ${stage(d.clinicalStage)}` : null, d.pathologicalStage ? `${t('pathologicalStage')} ${stage(d.pathologicalStage)}` : null]
      .filter(Boolean)
      .join('，'),
  );
  return [
    [t('diagnoses'), diagnoses.join('；') || none],
    [t('pci'), snap.pci ? `${snap.pci.total}${snap.pci.cc ? ` · ${t('cc')} ${snap.pci.cc}` : ''}（${snap.pci.assessedOn}）` : none],
    [t('operations'), snap.operations.map((o) => `${o.date} ${o.label ?? o.procedureCodes.join('+')}${o.approach ? `（${o.approach}）` : ''}`).join('；') || none],
    [t('pathology'), snap.pathology ? `${snap.pathology.reportedOn} ${snap.pathology.summary}` : none],
    [t('markers'), snap.markers.map((m) => `${m.name} ${m.value} ${m.unit}（${m.measuredOn}）`).join('；') || none],
    [t('ecog'), snap.ecog ? `${snap.ecog.score}（${snap.ecog.assessedOn}）` : none],
  ];
}

/**
 * The recommendation letter (issue 7): hospital header, board, patient, question, clinical data as the
 * board saw it, the structured recommendation with its plan and each item's status, guideline, consensus
 * or dissent, executing specialty and responsible doctor, participants, and signatures by name.
 */
export async function renderLetter(data: LetterData, font: PdfFont, lang: LetterLang): Promise<Buffer> {
  const T = LETTER_TEXT[lang];
  const N = NAMES[lang];
  const t = (k: LetterKey, p?: Record<string, string | number>) => fill(T[k], p);
  const { detail: d, timeZone } = data;
  const rec = d.recommendation;
  const sep = lang === 'en' ? ': ' : '：';
  const hospital = lang === 'en' ? (data.hospital.nameEn ?? data.hospital.name) : data.hospital.name;
  const department = lang === 'en' ? (data.hospital.departmentEn ?? data.hospital.department) : data.hospital.department;
  const pdf = newPdf(font, { title: `${t('title')} — ${d.patient.name}`, author: hospital, createdAt: data.generatedAt });
  const { doc, width } = pdf;
  const left = doc.page.margins.left;

  /** A section heading, on a new page when fewer than `keep` points are left (no orphan headings). */
  const heading = (text: string, keep = 90) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - keep) doc.addPage();
    doc.moveDown(0.6).fontSize(12).fillColor(ACCENT).text(text, left, undefined, { width });
    doc.moveTo(left, doc.y + 1).lineTo(left + width, doc.y + 1).lineWidth(0.5).strokeColor('#b7d7cb').stroke();
    doc.moveDown(0.3).fillColor(INK).fontSize(10);
  };
  const field = (label: string, value: string | null | undefined) => {
    doc.fontSize(10).fillColor('#555555').text(`${label}${sep}`, left, undefined, { continued: true, width }).fillColor(INK).text(value && value.trim() ? value : '—');
  };

  // Header.
  doc.fontSize(16).fillColor(INK).text(hospital, { width, align: 'center' });
  if (department) doc.fontSize(11).fillColor('#444444').text(department, { width, align: 'center' });
  doc.moveDown(0.4).fontSize(15).fillColor(ACCENT).text(t('title'), { width, align: 'center' });
  doc.moveDown(0.4).fillColor(INK);

  const when = wallClock(new Date(d.meeting.startsAt), timeZone);
  field(t('board'), `${N.tumorGroup[d.meeting.tumorGroup]} ${d.meeting.kind === 'intra' ? t('intra') : t('inter')}${d.meeting.title ? ` · ${d.meeting.title}` : ''}`);
  field(t('dateTime'), `${when.date} ${when.time}`);
  if (d.meeting.place) field(t('place'), d.meeting.place);
  if (d.meeting.videoLink) field(t('video'), d.meeting.videoLink);
  field(t('chair'), data.chairName);

  heading(t('patient'));
  field(t('name'), d.patient.name);
  field(t('sex'), N.sex[d.patient.sex]);
  field(t('age'), t('ageYears', { age: d.patient.age }));
  field(t('inpatientNo'), d.patient.inpatientNo);
  if (d.snapshot.patient.sourceOrganizationName) field(t('referredBy'), d.snapshot.patient.sourceOrganizationName);
  field(t('submittedBy'), `${d.submittedBy.name}（${d.submittingOrganization.name}）`);

  heading(t('question'));
  doc.text(d.question, { width });
  heading(t('clinical', { date: wallClock(new Date(d.snapshotAt), timeZone).date }));
  if (d.summary) field(t('history'), d.summary);
  for (const [label, value] of clinicalLines(d.snapshot, t)) field(label, value);

  heading(t('recommendation'));
  if (rec) {
    field(t('intent'), N.intent[rec.intent]);
    if (rec.summary) doc.text(rec.summary, { width }).moveDown(0.3);
    doc.fontSize(10).fillColor('#555555').text(`${t('plan')}${sep}`).fillColor(INK);
    rec.items.forEach((it, i) => {
      const how = [it.timing ? N.timing[it.timing] : null, it.approach ? N.approach[it.approach] : null].filter(Boolean).join(' ');
      const line = `${i + 1}. ${N.kind[it.kind]}${how ? `（${how}）` : ''}${it.detail ? ` — ${it.detail}` : ''}\u3000${t('due')} ${it.dueDate} · ${t('status')} ${N.itemStatus[it.status]}`;
      doc.text(line, left + 12, undefined, { width: width - 12 });
    });
    doc.x = left;
    doc.moveDown(0.3);
    field(t('guideline'), rec.guideline ? `${rec.guideline}${rec.guidelineVersion ? ` ${rec.guidelineVersion}` : ''}` : t('guidelineNone'));
    if (rec.deviationReason) field(t('deviation'), rec.deviationReason);
    field(t('consensus'), rec.consensus ? t('consensusYes') : t('consensusNo'));
    for (const v of rec.dissent) doc.text(`· ${[v.name, v.specialty ? specialtyName(lang, v.specialty) : null].filter(Boolean).join('，') || '—'}${sep}${v.view}`, left + 12, undefined, { width: width - 12 });
    doc.x = left;
    field(t('executing'), rec.executingSpecialty ? specialtyName(lang, rec.executingSpecialty) : null);
    field(t('responsible'), rec.responsible?.name);
  }

  heading(t('participants'));
  if (d.attendees.length === 0) doc.text(t('noParticipants'));
  for (const p of d.attendees) {
    doc.text([p.name, specialtyName(lang, p.specialty), p.title, p.hospital].filter(Boolean).join(' · '), { width });
  }

  heading(t('signatures'), 160);
  const signedOn = rec ? wallClock(new Date(rec.decidedAt), timeZone).date : '';
  const sign = (role: string, name: string | null | undefined) => {
    if (name) doc.text(`${role}${sep}${name}\u3000（${signedOn}）`, { width });
  };
  sign(t('signChair'), data.chairName);
  sign(t('signResponsible'), rec?.responsible?.name);
  sign(t('signRecorder'), rec?.decidedBy.name);
  doc.moveDown(0.3).fontSize(8).fillColor('#666666').text(t('signNote'), { width });
  doc.moveDown(0.6).fontSize(9).fillColor('#444444').text(t('disclaimer'), { width });

  const at = wallClock(data.generatedAt, timeZone);
  return pdf.finish((n, total) => `${t('generated', { at: `${at.date} ${at.time}`, id: d.id.slice(0, 8) })}\u3000${t('page', { n, total })}`);
}

/** A one-page plain-language summary for the patient (Chinese). */
export async function renderPatientSummary(data: LetterData, font: PdfFont): Promise<Buffer> {
  const { detail: d } = data;
  const pdf = newPdf(font, { title: `会诊意见（患者版）— ${d.patient.name}`, author: data.hospital.name, createdAt: data.generatedAt });
  const { doc, width } = pdf;
  doc.fontSize(16).fillColor(INK).text(data.hospital.name, { width, align: 'center' });
  doc.moveDown(0.3).fontSize(14).fillColor(ACCENT).text('多学科会诊意见（患者版）', { width, align: 'center' });
  doc.moveDown(0.8).fontSize(12).fillColor(INK).text(`${d.patient.name}：`, { width });
  doc.moveDown(0.4).fontSize(12).text(d.recommendation?.patientSummary ?? '', { width, lineGap: 6 });
  const at = wallClock(data.generatedAt, data.timeZone);
  return pdf.finish((n, total) => `${at.date} · 第 ${n} / ${total} 页`);
}
