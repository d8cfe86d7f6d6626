import { describe, expect, it } from 'vitest';
import { demoCase } from '../testSupport/demoDossier.js';
import { parseCaseJson } from './caseJson.js';
import { DossierInputError } from './errors.js';
import { caseJsonText } from './exportDossier.js';

describe('reading a case JSON back', () => {
  it('refuses text that is not JSON, saying so', () => {
    expect(() => parseCaseJson('{ not json')).toThrow(DossierInputError);
    expect(() => parseCaseJson('{ not json')).toThrow(/This is not JSON/);
  });

  it('refuses JSON that is not a Casefile case', () => {
    expect(() => parseCaseJson('{"hello": 1}')).toThrow(/not a Casefile case/);
  });

  it('names the field that is wrong', () => {
    const json = JSON.parse(caseJsonText(demoCase().dossier));
    json.evidence[0].files[0].sha256 = 'abc';
    expect(() => parseCaseJson(JSON.stringify(json))).toThrow(/evidence\.0\.files\.0\.sha256/);
  });

  it('asks for a newer Casefile for a newer version', () => {
    const json = JSON.parse(caseJsonText(demoCase().dossier));
    json.version = 2;
    expect(() => parseCaseJson(JSON.stringify(json))).toThrow(/newer Casefile/);
  });
});
