import { CREDIBILITY_GRADES, RELIABILITY_GRADES } from '@casefile/model';
import { describe, expect, it } from 'vitest';
import {
  credibilityOptionText,
  gradingCode,
  gradingDescription,
  parseCredibility,
  parseReliability,
  reliabilityOptionText,
} from './grading';

describe('grading labels', () => {
  it('reads each source-reliability grade with the meaning analysts give it', () => {
    expect(RELIABILITY_GRADES.map(reliabilityOptionText)).toEqual([
      'A — Completely reliable',
      'B — Usually reliable',
      'C — Fairly reliable',
      'D — Not usually reliable',
      'E — Unreliable',
      'F — Reliability cannot be judged',
    ]);
  });

  it('reads each information-credibility grade with its meaning', () => {
    expect(CREDIBILITY_GRADES.map(credibilityOptionText)).toEqual([
      '1 — Confirmed by other sources',
      '2 — Probably true',
      '3 — Possibly true',
      '4 — Doubtful',
      '5 — Improbable',
      '6 — Truth cannot be judged',
    ]);
  });

  it('writes the grading as analysts do, with a dash for a missing half', () => {
    expect(gradingCode('B', 2)).toBe('B2');
    expect(gradingCode('B', null)).toBe('B–');
    expect(gradingCode(null, 6)).toBe('–6');
    expect(gradingCode(null, null)).toBe('');
    expect(gradingDescription('A', 1)).toBe(
      'Graded A1: source completely reliable, information confirmed by other sources',
    );
    expect(gradingDescription(null, null)).toBe('Not graded');
  });
});

describe('parsing the selects', () => {
  it('turns a select value back into a grade, or none', () => {
    expect(parseReliability('C')).toBe('C');
    expect(parseReliability('')).toBeNull();
    expect(parseReliability('G')).toBeNull();
    expect(parseCredibility('4')).toBe(4);
    expect(parseCredibility('')).toBeNull();
    expect(parseCredibility('7')).toBeNull();
    expect(parseCredibility('1.5')).toBeNull();
  });
});
