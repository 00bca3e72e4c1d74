/**
 * The one sentence a finding shows for a vulnerability: the records' summary, else the first sentence of
 * their details that says what the flaw does (the first sentence often only introduces the project).
 */
import type { OsvRecord } from '../../core/osv.js';

/** Only the start of the details is searched: a telling sentence comes early or not at all. */
const SCANNED_CHARS = 4000;
const MAX_SUMMARY = 240;
const TELLING = /vulnerab|attack|allows?\b|execut|inject|denial|bypass|overflow|traversal|disclos/i;
const SEPARATOR = /\n+|(?<=\.)\s+/g;

interface Sentence {
  text: string;
  /** Offset just after the sentence in the details. */
  end: number;
}

function sentencesOf(details: string): Sentence[] {
  const scanned = details.slice(0, SCANNED_CHARS);
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number): void => {
    const text = scanned.slice(start, end).trim();
    if (text) sentences.push({ text, end });
  };
  for (const match of scanned.matchAll(SEPARATOR)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  push(scanned.length);
  return sentences;
}

/** The summary of a group of records that describe one vulnerability. */
export function summaryOf(records: readonly OsvRecord[]): string {
  const summary = records.map((r) => r.summary?.trim()).find((s) => s);
  const sentences = records.flatMap((r) => sentencesOf(r.details ?? '').map((s) => s.text));
  const text = summary ?? sentences.find((s) => TELLING.test(s)) ?? sentences[0] ?? '';
  const flat = text.replace(/\s+/g, ' ').replace(/\.$/, '');
  return flat.length > MAX_SUMMARY ? `${flat.slice(0, MAX_SUMMARY - 1)}…` : flat;
}

/**
 * The part of a record's details that `summaryOf` can ever show, alone or with other records: nothing when
 * the record has a summary, else the details up to the first telling sentence (or the first sentence when
 * none tells). Stores keep this prefix for audits so that they never read kilobytes of prose per record.
 */
export function detailsForSummary(record: OsvRecord): string | undefined {
  if (record.summary?.trim() || record.details === undefined) return undefined;
  const sentences = sentencesOf(record.details);
  const chosen = sentences.find((s) => TELLING.test(s.text)) ?? sentences[0];
  return chosen === undefined ? undefined : record.details.slice(0, chosen.end);
}
