/**
 * zod schemas for the two status-page shapes. incident.io (what status.clerk.com serves): flat components,
 * `incidents` omitted from summary.json when nothing is open, no shortlink/started_at/components on incidents,
 * `resolved_at` absent while open, updates with `display_at` and no `affected_components`. Atlassian
 * Statuspage: group rows in `components`, `scheduled_maintenances`, `affected_components`. Only id/name/status
 * are required anywhere and unknown fields are dropped, so one page's extra fields never fail the other's.
 */
import { z } from 'zod';

const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');
const optionalTimestamp = timestamp.nullish();

const pageSchema = z.object({
  id: z.string().optional(),
  name: z.string().default('Status page'),
  url: z.string().default(''),
});

const componentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  position: z.number().nullish(),
  updated_at: optionalTimestamp,
  group: z.boolean().nullish(),
  group_id: z.string().nullish(),
});

const affectedComponentSchema = z.object({
  code: z.string().nullish(),
  name: z.string(),
  old_status: z.string().nullish(),
  new_status: z.string().nullish(),
});

const updateSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  body: z.string().nullish(),
  created_at: timestamp,
  display_at: optionalTimestamp,
  affected_components: z.array(affectedComponentSchema).nullish(),
});

const incidentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  impact: z.string().nullish(),
  created_at: timestamp,
  updated_at: optionalTimestamp,
  resolved_at: optionalTimestamp,
  started_at: optionalTimestamp,
  shortlink: z.string().nullish(),
  components: z.array(z.object({ id: z.string() })).nullish(),
  incident_updates: z.array(updateSchema).nullish(),
});

export const maintenanceSchema = incidentSchema.extend({
  scheduled_for: optionalTimestamp,
  scheduled_until: optionalTimestamp,
});

export const summarySchema = z.object({
  page: pageSchema,
  components: z.array(componentSchema),
  incidents: z.array(incidentSchema).nullish(),
  scheduled_maintenances: z.array(maintenanceSchema).nullish(),
});

export const incidentsSchema = z.object({
  page: pageSchema.optional(),
  incidents: z.array(incidentSchema),
});

export type SummaryDocument = z.infer<typeof summarySchema>;
export type IncidentsDocument = z.infer<typeof incidentsSchema>;
export type RawIncident = z.infer<typeof incidentSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
}

export function parseSummary(json: unknown): ParseResult<SummaryDocument> {
  const result = summarySchema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: describeIssues(result.error) };
}

export function parseIncidents(json: unknown): ParseResult<IncidentsDocument> {
  const result = incidentsSchema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: describeIssues(result.error) };
}
