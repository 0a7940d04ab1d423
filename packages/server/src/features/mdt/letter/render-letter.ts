import type { ClinicalSnapshot } from '@gisurg/contracts/mdt';
import { wallClock } from '@gisurg/contracts';
import type { CaseDetailDto } from '@gisurg/contracts/mdt';
import type { PdfFont } from '../../../shared/pdf-font.js';
import { LETTER_TEXT, NAMES, fill, professionalTitle, specialtyName, type LetterKey, type LetterLang } from './letter-texts.js';
import { newPdf } from '../../../shared/pdf-document.js';
import { OPERATION_APPROACH_OPTIONS } from '@gisurg/clinical';

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

/** Punctuation of the letter's language: full-width in Chinese, ASCII in English (issue 16 item 4). */
function punct(lang: LetterLang) {
  const en = lang === 'en';
  return {
    paren: (x: string) => (en ? ` (${x})` : `（${x}）`),
    comma: en ? ', ' : '，',
    semicolon: en ? '; ' : '；',
  };
}

function approachName(code: string, lang: LetterLang): string {
  const o = OPERATION_APPROACH_OPTIONS.find((a) => a.value === code);
  return o ? (lang === 'en' ? o.label.en.toLowerCase() : o.label.zh) : code;
}

/** Clinical lines from the snapshot; empty sections say "not in the record". Labels in the letter's language. */
function clinicalLines(snap: ClinicalSnapshot, t: (k: LetterKey) => string, lang: LetterLang): [string, string][] {
  const none = t('noRecord');
  const P = punct(lang);
  const diagnoses = snap.diagnoses.map((d) =>
    [
      lang === 'en' ? (d.labelEn ?? d.site) : (d.label ?? d.site),
      d.icd10,
      d.clinicalStage ? `${t('clinicalStage')} ${stage(d.clinicalStage)}` : null,
      d.pathologicalStage ? `${t('pathologicalStage')} ${stage(d.pathologicalStage)}` : null,
    ]
      .filter(Boolean)
      .join(P.comma),
  );
  const opLabel = (o: ClinicalSnapshot['operations'][number]) => (lang === 'en' ? o.labelEn : o.label) ?? o.procedureCodes.join('+');
  return [
    [t('diagnoses'), diagnoses.join(P.semicolon) || none],
    [t('pci'), snap.pci ? `${snap.pci.total}${snap.pci.cc ? ` · ${t('cc')} ${snap.pci.cc}` : ''}${P.paren(snap.pci.assessedOn)}` : none],
    [
      t('operations'),
      snap.operations.map((o) => `${o.date} ${opLabel(o)}${o.approach ? P.paren(approachName(o.approach, lang)) : ''}`).join(P.semicolon) ||
        none,
    ],
    [t('pathology'), snap.pathology ? `${snap.pathology.reportedOn} ${snap.pathology.summary}` : none],
    [t('markers'), snap.markers.map((m) => `${m.name} ${m.value} ${m.unit}${P.paren(m.measuredOn)}`).join(P.semicolon) || none],
    [t('ecog'), snap.ecog ? `${snap.ecog.score}${P.paren(snap.ecog.assessedOn)}` : none],
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
  // The CJK font draws ’ full-width: English text uses the straight apostrophe.
  const latin = (s: string | null) => (s === null ? null : s.replace(/[’‘]/g, "'"));
  const hospital = lang === 'en' ? (latin(data.hospital.nameEn) ?? data.hospital.name) : data.hospital.name;
  const department = lang === 'en' ? (latin(data.hospital.departmentEn) ?? data.hospital.department) : data.hospital.department;
  const pdf = await newPdf(font, { title: `${t('title')} — ${d.patient.name}`, author: hospital, createdAt: data.generatedAt });
  const { doc, width } = pdf;
  const left = doc.page.margins.left;

  /** A section heading, on a new page when fewer than `keep` points are left (no orphan headings). */
  const heading = (text: string, keep = 90) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - keep) doc.addPage();
    doc.moveDown(0.6).fontSize(12).fillColor(ACCENT).text(text, left, undefined, { width });
    doc
      .moveTo(left, doc.y + 1)
      .lineTo(left + width, doc.y + 1)
      .lineWidth(0.5)
      .strokeColor('#b7d7cb')
      .stroke();
    doc.moveDown(0.3).fillColor(INK).fontSize(10);
  };
  const field = (label: string, value: string | null | undefined) => {
    doc
      .fontSize(10)
      .fillColor('#555555')
      .text(`${label}${sep}`, left, undefined, { continued: true, width })
      .fillColor(INK)
      .text(value && value.trim() ? value : '—');
  };
  /** Several short fields on one line, placed by measured width (wrapping to a new line when full). */
  const inline = (pairs: [string, string | null | undefined][]) => {
    const gap = 18;
    const lineHeight = doc.fontSize(10).currentLineHeight(true);
    let x = left;
    let y = doc.y;
    for (const [label, value] of pairs) {
      if (!value || !value.trim()) continue;
      const labelText = `${label}${sep}`;
      const w = doc.widthOfString(labelText) + doc.widthOfString(value);
      if (x > left && x + w > left + width) {
        x = left;
        y += lineHeight;
      }
      doc.fillColor('#555555').text(labelText, x, y, { lineBreak: false });
      doc.fillColor(INK).text(value, x + doc.widthOfString(labelText), y, { lineBreak: false });
      x += w + gap;
    }
    doc.x = left;
    doc.y = y + lineHeight;
  };
  /** Short lines in two columns (participants). */
  const twoColumns = (lines: string[]) => {
    const half = (width - 16) / 2;
    for (let i = 0; i < lines.length; i += 2) {
      const y = doc.y;
      doc.text(lines[i]!, left, y, { width: half });
      const leftBottom = doc.y;
      if (lines[i + 1]) doc.text(lines[i + 1]!, left + half + 16, y, { width: half });
      doc.x = left;
      doc.y = Math.max(leftBottom, doc.y);
    }
  };

  // Header.
  doc.fontSize(16).fillColor(INK).text(hospital, { width, align: 'center' });
  if (department) doc.fontSize(11).fillColor('#444444').text(department, { width, align: 'center' });
  doc.moveDown(0.4).fontSize(15).fillColor(ACCENT).text(t('title'), { width, align: 'center' });
  doc.moveDown(0.4).fillColor(INK);

  const when = wallClock(new Date(d.meeting.startsAt), timeZone);
  // A Chinese board title is not shown in the English letter: the tumor group's name is.
  const boardName =
    d.meeting.title && !(lang === 'en' && /[\u3400-\u9fff]/.test(d.meeting.title))
      ? d.meeting.title
      : `${N.tumorGroup[d.meeting.tumorGroup]} MDT`;
  inline([
    [t('board'), `${boardName}${punct(lang).paren(d.meeting.kind === 'intra' ? t('intra') : t('inter'))}`],
    [t('dateTime'), `${when.date} ${when.time}`],
  ]);
  inline([
    [t('place'), d.meeting.place],
    [t('chair'), data.chairName],
  ]);
  if (d.meeting.videoLink) field(t('video'), d.meeting.videoLink);

  heading(t('patient'));
  inline([
    [t('name'), d.patient.name],
    [t('sex'), N.sex[d.patient.sex]],
    [t('age'), t('ageYears', { age: d.patient.age })],
    [t('inpatientNo'), d.patient.inpatientNo],
  ]);
  inline([
    [t('referredBy'), d.snapshot.patient.sourceOrganizationName],
    [t('submittedBy'), `${d.submittedBy.name}${punct(lang).paren(d.submittingOrganization.name)}`],
  ]);

  heading(t('question'));
  doc.text(d.question, { width });
  heading(t('clinical', { date: wallClock(new Date(d.snapshotAt), timeZone).date }));
  if (d.summary) field(t('history'), d.summary);
  const clinical = clinicalLines(d.snapshot, t, lang);
  if (clinical.every(([, v]) => v === t('noRecord')))
    doc.fillColor('#555555').text(t('clinicalNone'), left, undefined, { width }).fillColor(INK);
  else for (const [label, value] of clinical) field(label, value);

  heading(t('recommendation'));
  if (rec) {
    field(t('intent'), N.intent[rec.intent]);
    if (rec.summary) doc.text(rec.summary, { width }).moveDown(0.3);
    doc
      .fontSize(10)
      .fillColor('#555555')
      .text(`${t('plan')}${sep}`)
      .fillColor(INK);
    rec.items.forEach((it, i) => {
      const how = [it.timing ? N.timing[it.timing] : null, it.approach ? N.approach[it.approach] : null].filter(Boolean).join(' ');
      const line = `${i + 1}. ${N.kind[it.kind]}${how ? punct(lang).paren(how) : ''}${it.detail ? ` — ${it.detail}` : ''}${lang === 'en' ? '  ' : '\u3000'}${t('due')} ${it.dueDate} · ${t('status')} ${N.itemStatus[it.status]}`;
      doc.text(line, left + 12, undefined, { width: width - 12 });
    });
    doc.x = left;
    doc.moveDown(0.3);
    field(t('guideline'), rec.guideline ? `${rec.guideline}${rec.guidelineVersion ? ` ${rec.guidelineVersion}` : ''}` : t('guidelineNone'));
    if (rec.deviationReason) field(t('deviation'), rec.deviationReason);
    field(t('consensus'), rec.consensus ? t('consensusYes') : t('consensusNo'));
    for (const v of rec.dissent)
      doc.text(
        `· ${[v.name, v.specialty ? specialtyName(lang, v.specialty) : null].filter(Boolean).join(punct(lang).comma) || '—'}${sep}${v.view}`,
        left + 12,
        undefined,
        { width: width - 12 },
      );
    doc.x = left;
    field(t('executing'), rec.executingSpecialty ? specialtyName(lang, rec.executingSpecialty) : null);
    field(t('responsible'), rec.responsible?.name);
  }

  heading(t('participants'));
  if (d.attendees.length === 0) doc.text(t('noParticipants'));
  // The home hospital is the letter's header: name other hospitals only.
  const homeNames = new Set([data.hospital.name, data.hospital.nameEn]);
  twoColumns(
    d.attendees.map((p) =>
      [
        p.name,
        specialtyName(lang, p.specialty),
        professionalTitle(lang, p.title),
        p.hospital && !homeNames.has(p.hospital) ? p.hospital : null,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  );

  heading(t('signatures'), 100);
  inline([
    [t('signChair'), data.chairName],
    [t('signResponsible'), rec?.responsible?.name],
    [t('signRecorder'), rec?.decidedBy.name],
    [t('signedOn'), rec ? wallClock(new Date(rec.decidedAt), timeZone).date : null],
  ]);
  doc.moveDown(0.3).fontSize(8).fillColor('#666666').text(t('signNote'), { width });
  doc.moveDown(0.6).fontSize(9).fillColor('#444444').text(t('disclaimer'), { width });

  const at = wallClock(data.generatedAt, timeZone);
  return pdf.finish(
    (n, total) => `${t('generated', { at: `${at.date} ${at.time}`, id: d.id.slice(0, 8) })}\u3000${t('page', { n, total })}`,
  );
}

/** A one-page plain-language summary for the patient (Chinese). */
export async function renderPatientSummary(data: LetterData, font: PdfFont): Promise<Buffer> {
  const { detail: d } = data;
  const pdf = await newPdf(font, {
    title: `会诊意见（患者版）— ${d.patient.name}`,
    author: data.hospital.name,
    createdAt: data.generatedAt,
  });
  const { doc, width } = pdf;
  doc.fontSize(16).fillColor(INK).text(data.hospital.name, { width, align: 'center' });
  doc.moveDown(0.3).fontSize(14).fillColor(ACCENT).text('多学科会诊意见（患者版）', { width, align: 'center' });
  doc.moveDown(0.8).fontSize(12).fillColor(INK).text(`${d.patient.name}：`, { width });
  doc
    .moveDown(0.4)
    .fontSize(12)
    .text(d.recommendation?.patientSummary ?? '', { width, lineGap: 6 });
  const at = wallClock(data.generatedAt, data.timeZone);
  return pdf.finish((n, total) => `${at.date} · 第 ${n} / ${total} 页`);
}
