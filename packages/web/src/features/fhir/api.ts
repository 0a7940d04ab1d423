import type { z } from 'zod';
import type { FhirClientCreatedSchema, FhirClientListSchema, FhirClientSchema } from '@gisurg/contracts/fhir';
import { CreateFhirClientSchema } from '@gisurg/contracts/fhir';
import { get, post } from '../../app/api';

/** The FHIR API clients' administration (docs/fhir.md), typed from @gisurg/contracts/fhir. */
export type FhirClient = z.output<typeof FhirClientSchema>;
export type FhirClientCreated = z.output<typeof FhirClientCreatedSchema>;
export type CreateFhirClientBody = z.input<typeof CreateFhirClientSchema>;

export const fhirApi = {
  clients: (signal?: AbortSignal) => get<z.output<typeof FhirClientListSchema>>('/api/fhir-clients', signal),
  create: (body: CreateFhirClientBody) => post<FhirClientCreated>('/api/fhir-clients', body, CreateFhirClientSchema),
  revoke: (id: string) => post<FhirClient>(`/api/fhir-clients/${id}/revoke`),
};
