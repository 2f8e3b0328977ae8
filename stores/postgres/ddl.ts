/**
 * The PostgreSQL tables of the stores, in one place: the stores create them when they may (the
 * embedded and development setups), `npm run db:init` creates them once with the owner role in
 * production, where the services' own roles may not create anything.
 */
export function assertIdentifier(name: string, what = 'schema'): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`${what} must be a plain SQL identifier; received "${name}"`);
  return name;
}

export const auditDdl = (schema: string) => `
  CREATE TABLE IF NOT EXISTS ${schema}.logregel (
    id BIGSERIAL PRIMARY KEY, trace_id TEXT NOT NULL, span_id TEXT NOT NULL, start_time TIMESTAMPTZ NOT NULL,
    processing_activity_id TEXT NOT NULL, data_subject_id TEXT NOT NULL, organisatie TEXT, regel JSONB NOT NULL);
  ALTER TABLE ${schema}.logregel ADD COLUMN IF NOT EXISTS organisatie TEXT;
  ALTER TABLE ${schema}.logregel ADD COLUMN IF NOT EXISTS soort TEXT;
  CREATE INDEX IF NOT EXISTS logregel_soort ON ${schema}.logregel (organisatie, soort);
  CREATE INDEX IF NOT EXISTS logregel_subject ON ${schema}.logregel (data_subject_id);
  CREATE INDEX IF NOT EXISTS logregel_activity ON ${schema}.logregel (processing_activity_id);
  CREATE INDEX IF NOT EXISTS logregel_trace ON ${schema}.logregel (trace_id);
  CREATE INDEX IF NOT EXISTS logregel_organisatie ON ${schema}.logregel (organisatie);
  CREATE INDEX IF NOT EXISTS logregel_start ON ${schema}.logregel (start_time);`;

export const consentDdl = (schema: string) => `
  CREATE TABLE IF NOT EXISTS ${schema}.toestemming (
    id TEXT PRIMARY KEY, bsn TEXT NOT NULL, activiteit TEXT NOT NULL, categorieen JSONB,
    gegeven_op TIMESTAMPTZ NOT NULL, ingetrokken_op TIMESTAMPTZ);
  -- Tables from before recipients, purposes and end dates were recorded (ids were a sequence).
  ALTER TABLE ${schema}.toestemming ALTER COLUMN id DROP DEFAULT, ALTER COLUMN id TYPE TEXT USING id::text;
  ALTER TABLE ${schema}.toestemming ADD COLUMN IF NOT EXISTS ontvanger_soort TEXT, ADD COLUMN IF NOT EXISTS ontvanger TEXT,
    ADD COLUMN IF NOT EXISTS doel TEXT, ADD COLUMN IF NOT EXISTS geldig_tot DATE, ADD COLUMN IF NOT EXISTS vastgelegd JSONB,
    ADD COLUMN IF NOT EXISTS ingetrokken JSONB;
  -- Consent with states, evidence, confirmation, withdrawal requests and reported expiry.
  ALTER TABLE ${schema}.toestemming ADD COLUMN IF NOT EXISTS status TEXT, ADD COLUMN IF NOT EXISTS registerversie INT,
    ADD COLUMN IF NOT EXISTS bewijs JSONB, ADD COLUMN IF NOT EXISTS bevestigd_op TIMESTAMPTZ, ADD COLUMN IF NOT EXISTS bevestigd JSONB,
    ADD COLUMN IF NOT EXISTS verzoek JSONB, ADD COLUMN IF NOT EXISTS verlopen_gemeld_op TIMESTAMPTZ;
  CREATE INDEX IF NOT EXISTS toestemming_actief ON ${schema}.toestemming (activiteit, bsn) WHERE ingetrokken_op IS NULL;
  CREATE INDEX IF NOT EXISTS toestemming_bsn ON ${schema}.toestemming (bsn);`;

export const nazorgDdl = (schema: string) => `
  CREATE TABLE IF NOT EXISTS ${schema}.nazorgcontact (
    id TEXT PRIMARY KEY, bsn TEXT NOT NULL, brin TEXT NOT NULL, datum DATE NOT NULL, soort TEXT NOT NULL, uitkomst TEXT NOT NULL,
    toelichting TEXT, medewerker TEXT NOT NULL, vastgelegd_op TIMESTAMPTZ NOT NULL);
  ALTER TABLE ${schema}.nazorgcontact ADD COLUMN IF NOT EXISTS reden TEXT;
  CREATE INDEX IF NOT EXISTS nazorgcontact_bsn ON ${schema}.nazorgcontact (bsn);`;

export const programmaDdl = (schema: string) => `
  CREATE TABLE IF NOT EXISTS ${schema}.maatregel (id TEXT PRIMARY KEY, regio TEXT NOT NULL, gegevens JSONB NOT NULL, bijgewerkt_op TIMESTAMPTZ NOT NULL);
  CREATE INDEX IF NOT EXISTS maatregel_regio ON ${schema}.maatregel (regio);`;

/** The monitor's published figures per version of its inputs, and the secret its cell keys are made with. */
export const cijferDdl = (schema: string) => `
  CREATE TABLE IF NOT EXISTS ${schema}.monitorgeheim (naam TEXT PRIMARY KEY, waarde TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS ${schema}.cijferversie (versie TEXT PRIMARY KEY, berekend_op TEXT NOT NULL, periodes JSONB NOT NULL, drempel INTEGER NOT NULL, gemaakt TIMESTAMPTZ NOT NULL);
  CREATE TABLE IF NOT EXISTS ${schema}.cijferrij (versie TEXT NOT NULL, sleutel TEXT NOT NULL, gegevens JSONB NOT NULL, PRIMARY KEY (versie, sleutel));`;

/** Login roles per duty; each gets exactly the privileges its duty needs. */
export interface DatabaseRoles {
  /** Owns the schema and tables (used only by `npm run db:init`). */
  owner: string;
  /** Appends audit records: INSERT only (the gateway and the data subgraphs). */
  auditWriter: string;
  /** Reads audit records: SELECT only (the inzage subgraph, retention reporting). */
  auditReader: string;
  /** Purges audit records past their retention: SELECT and DELETE on the audit log, INSERT for its own trail. */
  auditRetention: string;
  /** Reads consent (the subgraphs' rules): SELECT only. */
  consentReader: string;
  /** Records consent (seeding, the consent service): SELECT, INSERT, UPDATE on consent only. */
  consentWriter: string;
  /** Records and reads the schools' nazorg contacts (the onderwijs subgraph): SELECT and INSERT on them only. */
  nazorgWriter: string;
  /** The monitor: records the regional programmes' measures and results (SELECT, INSERT, UPDATE), stores its published figures (SELECT, INSERT, DELETE) and its cell key secret (SELECT, INSERT). */
  programmaWriter: string;
}

export const DEFAULT_ROLES: DatabaseRoles = {
  owner: 'jf_owner', auditWriter: 'jf_audit_writer', auditReader: 'jf_audit_reader', auditRetention: 'jf_audit_retention', consentReader: 'jf_consent_reader', consentWriter: 'jf_consent_writer', nazorgWriter: 'jf_nazorg_writer', programmaWriter: 'jf_programma_writer',
};

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * SQL that creates (or updates) the roles with their passwords, the schema owned by the owner
 * role, the tables, and the grants: no role but the owner may change or delete anything.
 */
export function rolesSql(schema: string, roles: DatabaseRoles, passwords: Record<keyof DatabaseRoles, string>): string {
  assertIdentifier(schema);
  const lines: string[] = [];
  for (const key of Object.keys(roles) as (keyof DatabaseRoles)[]) {
    const role = assertIdentifier(roles[key], 'role');
    if (!passwords[key] || passwords[key].length < 16) throw new RangeError(`the password of ${role} must be at least 16 characters`);
    lines.push(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${quote(role)}) THEN CREATE ROLE ${role} LOGIN; END IF;
    END $$;`, `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${quote(passwords[key])};`);
  }
  const { owner, auditWriter, auditReader, auditRetention, consentReader, consentWriter, nazorgWriter, programmaWriter } = roles;
  lines.push(
    `CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner};`,
    `SET ROLE ${owner};`, auditDdl(schema), consentDdl(schema), nazorgDdl(schema), programmaDdl(schema), cijferDdl(schema), 'RESET ROLE;',
    `REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC;`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM PUBLIC;`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${auditWriter}, ${auditReader}, ${auditRetention}, ${consentReader}, ${consentWriter}, ${nazorgWriter}, ${programmaWriter};`,
    `GRANT INSERT ON ${schema}.logregel TO ${auditWriter};`,
    `GRANT USAGE ON SEQUENCE ${schema}.logregel_id_seq TO ${auditWriter};`,
    `GRANT SELECT ON ${schema}.logregel TO ${auditReader};`,
    `GRANT SELECT, DELETE, INSERT ON ${schema}.logregel TO ${auditRetention};`,
    `GRANT USAGE ON SEQUENCE ${schema}.logregel_id_seq TO ${auditRetention};`,
    `GRANT SELECT ON ${schema}.toestemming TO ${consentReader};`,
    `GRANT SELECT, INSERT, UPDATE ON ${schema}.toestemming TO ${consentWriter};`,
    `GRANT SELECT, INSERT ON ${schema}.nazorgcontact TO ${nazorgWriter};`,
    `GRANT SELECT, INSERT, UPDATE ON ${schema}.maatregel TO ${programmaWriter};`,
    `GRANT SELECT, INSERT, DELETE ON ${schema}.cijferversie, ${schema}.cijferrij TO ${programmaWriter};`,
    `GRANT SELECT, INSERT ON ${schema}.monitorgeheim TO ${programmaWriter};`,
  );
  return lines.join('\n');
}
