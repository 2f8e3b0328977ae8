import type { GraphQLFormattedError } from 'graphql';
import type { AppError } from '../../lib/errors';
import type { InternalContext } from '../../lib/security/internal-context';
import type { TraceContext } from '../../lib/observability/trace';
import type { BereikSoort, RegelNaam, Rijregel } from '../../policies/declaraties';
import type { ToestemmingFeit } from '../../policies/toestemming';
import type { BrpFeiten } from '../../policies/bereik';
import type { Persoonskenmerken } from '../../policies/scope';
import type { Besluit, Verwerkingsactiviteit } from '../../policies/types';
import type { AuditRecord } from '../../stores/audit';

/** What a representation may carry of the facts (checked before use, never trusted as is). */
export interface Vertegenwoordiging { bsn: string; [veld: string]: unknown }

/** The facts an entry point's scope rule may need, fetched only when the rule needs them. */
export interface BereikVraag {
  /** The person the entry point names (PERSOON, OUD_STUDENT, TOEZICHT). */
  bsn?: string;
  /** The region it names (EIGEN_REGIO). */
  regio?: string;
  brp?: () => Promise<BrpFeiten>;
  onderwijs?: () => Promise<NonNullable<Persoonskenmerken['onderwijs']>>;
  /** The Doorstroompunt region a programme change concerns, with its contactgemeente (CONTACTGEMEENTE). */
  programmaRegio?: () => Promise<{ code: string; contactgemeente: string | null }>;
}

/** What a consent rule needs: the arguments of the change, and the stored consent it concerns. */
export interface RegelVraag { args: Record<string, unknown>; toestemming?: () => Promise<ToestemmingFeit | null> }

/** A scope decision: allowed or not, and the scope a resolver must narrow its work to. */
export interface BereikUitkomst { besluit: Besluit; scope?: unknown }

/**
 * The policy of one subgraph request, as guards and resolvers use it. Two implementations: the
 * register's (`RequestPolicy`, from the gateway's signed context) and, for the enforcement
 * benchmark only, one that allows everything and records nothing (`OnbeperktBeleid`). Chosen once,
 * at start, by the enforcement mode (subgraphs/policy/handhaving.ts).
 */
export interface Beleid {
  readonly activiteit: Verwerkingsactiviteit;
  readonly interne: InternalContext;
  readonly today: string;
  readonly trace: TraceContext;
  /** An entry point's scope rule (`@beleid(bereik)`). */
  beslisBereik(soort: BereikSoort, vraag: BereikVraag): Promise<BereikUitkomst>;
  /** A rule of the consent model an entry point names (`@beleid(regel)`). */
  beslisRegel(regel: RegelNaam, vraag: RegelVraag): Promise<Besluit>;
  /** Whether the caller may see one item of a list with a row rule (`@rijen`). */
  rijZichtbaar(regel: Rijregel, item: unknown, eigenaar: unknown): boolean;
  /** The decision on one category of one person's data (scope, exclusions, legal basis, consent). */
  beoordeel(p: Persoonskenmerken, categorie: string, veld?: string): Promise<Besluit>;
  /** The decision on one category of a person whose scope was already decided at the entry point. */
  beoordeelCategorie(bsn: string, categorie: string, veld?: string): Promise<Besluit>;
  /** Whether the activity grants the category outright (what lists, counts and filters may use). */
  toegestaan(categorie: string): boolean;
  /** Whether a derived field may use a source of this category: granted outright, or for that field by the register. */
  bruikbaar(veld: string, categorie: string): boolean;
  /** The person's policy facts: own ones, the rest from the signed representation. */
  feiten(ref: Vertegenwoordiging, eigen?: Partial<Pick<Persoonskenmerken, 'gemeente' | 'geboortedatum' | 'onderwijs'>>): Persoonskenmerken;
  /** The seal for a fact this subgraph owns. */
  tekenFeit(veld: string, bsn: string, waarde: unknown): string;
  noteerFilter(categorieen: Iterable<string>): void;
  registreer(bsn: string, categorie: string, besluit: Besluit): void;
  /** A refusal that concerns nobody in particular (a figure, a programme, a list refused whole). */
  registreerZonderPersoon(categorie: string, besluit: Besluit, omschrijving: string): void;
  noteerWijziging(bsn: string, categorie: string, wijziging: string): void;
  noteerZonderPersoon(categorie: string, omschrijving: string): void;
  /** An error at a path of the response that no resolver threw (a withheld line of a derived list). */
  meldFout(pad: readonly (string | number)[], fout: AppError): void;
  extraFouten(): GraphQLFormattedError[];
  auditRecords(service: string, operation: string, failed: boolean, pseudonym: (bsn: string) => string): AuditRecord[];
}
