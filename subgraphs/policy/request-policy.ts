import DataLoader from 'dataloader';
import type { GraphQLFormattedError } from 'graphql';
import { isoDate, type Clock } from '../../lib/domain/dates';
import { AppError } from '../../lib/errors';
import type { InternalContext } from '../../lib/security/internal-context';
import type { RegionRegistry } from '../../lib/domain/regions';
import { continueTrace, type TraceContext } from '../../lib/observability/trace';
import { parseActiviteitRef, toegestaneCategorieen } from '../../policies/register';
import { beoordeelBereik, beoordeelUitsluiting, type Aanvrager, type Persoonskenmerken } from '../../policies/scope';
import {
  caseloadBereik, contactgemeenteBereik, eigenRegioBereik, oudStudentBereik, oudStudentenBereik, persoonBereik, toezichtBereik, zelfBereik,
} from '../../policies/bereik';
import type { BereikSoort, RegelNaam, Rijregel } from '../../policies/declaraties';
import { magBevestigen, magIntrekken, magVastleggen, zichtbaar, type Intrekkingsverzoek, type ToestemmingFeit, type Wie } from '../../policies/toestemming';
import type { Besluit, Register, Verwerkingsactiviteit } from '../../policies/types';
import type { AuditRecord } from '../../stores/audit';
import { logregel } from '../../stores/logregel';
import type { ConsentStore } from '../../stores/consent';
import { gedekteCategorieen } from '../../policies/toestemming';
import { FEITEN, type FeitControleur, type FeitOndertekenaar } from './feiten';
import type { Beleid, BereikUitkomst, BereikVraag, RegelVraag, Vertegenwoordiging } from './beleid';

export type { Vertegenwoordiging } from './beleid';

const FEIT_DOMEIN = { beleidskenmerken: 'beleid', onderwijskenmerken: 'onderwijs' } as const;

/** What every subgraph's policy layer needs, injected once at start. */
export interface PolicyDeps {
  register: Register;
  regions: RegionRegistry;
  consent: ConsentStore;
  clock: Clock;
  /** Signs the facts this subgraph owns (absent where it owns none) and checks the ones it receives. */
  feiten: { ondertekenaar?: FeitOndertekenaar; controleur: FeitControleur };
}

/**
 * The policy state of one subgraph request: the activity version from the gateway's signed
 * context, decisions per person and category (values, never exceptions), consent looked up in
 * one batch, and what was disclosed or withheld per person for the audit log.
 */
export class RequestPolicy implements Beleid {
  readonly activiteit: Verwerkingsactiviteit;
  readonly today: string;
  readonly trace: TraceContext;
  readonly startTime = new Date();
  private readonly toegestaneCategorieen: Set<string>;
  private readonly metToestemming: Set<string>;
  private readonly consent: DataLoader<string, Set<string>>;
  private readonly bereikPerBsn = new Map<string, Besluit>();
  private readonly log = new Map<string, { verstrekt: Set<string>; geweigerd: Map<string, string>; wijzigingen: string[] }>();
  /** Categories that filters of this request used: disclosed about everyone the request returned. */
  private readonly filterCategorieen = new Set<string>();

  constructor(private readonly deps: PolicyDeps, readonly interne: InternalContext) {
    const ref = parseActiviteitRef(interne.activiteit);
    const activiteit = ref?.versie === undefined ? undefined : deps.register.activiteiten.find((a) => a.id === ref.id && a.versie === ref.versie);
    if (!activiteit) throw new AppError('INTERNAL_SERVER_ERROR', `the gateway named activity ${interne.activiteit}, which this subgraph's register does not hold`);
    this.activiteit = activiteit;
    this.today = isoDate(deps.clock());
    this.trace = continueTrace(interne.traceparent);
    this.toegestaneCategorieen = toegestaneCategorieen(deps.register, activiteit);
    this.metToestemming = new Set(activiteit.metToestemming);
    // What each person's active consents cover: exactly the categories named when given (policies/toestemming.ts).
    this.consent = new DataLoader(async (bsns) => {
      const found = await deps.consent.actief(activiteit.id, [...bsns], { rol: interne.rol, organisatie: interne.organisatie ?? '', dag: this.today });
      return bsns.map((b) => new Set((found.get(b) ?? []).flatMap((d) => gedekteCategorieen(deps.register, { ...d, activiteit: activiteit.id }))));
    }, { maxBatchSize: 500 });
  }

  /** The seal for a fact this subgraph owns, bound to the person and this trace. */
  tekenFeit(veld: string, bsn: string, waarde: unknown): string {
    const feit = FEITEN.find((f) => f.veld === veld)!;
    if (!this.deps.feiten.ondertekenaar) throw new Error(`this subgraph cannot sign ${veld}`);
    return this.deps.feiten.ondertekenaar.teken(veld, bsn, this.trace.traceId, feit.inhoud(waarde));
  }

  /**
   * The person's policy facts: what this subgraph knows itself (`eigen`), the rest from the
   * representation, each checked against its owner's seal. A fact that is missing, unsigned,
   * forged, expired or from another trace is not used; one whose owner could not reach its
   * source says so. Either way the conditions that need it cannot be decided (fail closed).
   */
  feiten(ref: Vertegenwoordiging, eigen: Partial<Pick<Persoonskenmerken, 'gemeente' | 'geboortedatum' | 'onderwijs'>> = {}): Persoonskenmerken {
    const result: Persoonskenmerken = { bsn: ref.bsn, gemeente: eigen.gemeente ?? null, geboortedatum: eigen.geboortedatum ?? null, onderwijs: eigen.onderwijs ?? null };
    const onverifieerbaar: NonNullable<Persoonskenmerken['onverifieerbaar']> = {};
    for (const feit of FEITEN) {
      const domein = FEIT_DOMEIN[feit.veld];
      if (domein === 'beleid' ? 'gemeente' in eigen : 'onderwijs' in eigen) continue;
      const waarde = ref[feit.veld] as { status?: string; bron?: string; zegel?: string; gemeente?: string; geboortedatum?: string; relaties?: Persoonskenmerken['onderwijs'] } | null | undefined;
      const oordeel = this.deps.feiten.controleur.controleer(feit.veld, ref.bsn, this.trace.traceId, feit.inhoud(waarde), waarde?.zegel);
      if (oordeel !== 'GELDIG') {
        onverifieerbaar[domein] = { bron: feit.eigenaar, reden: waarde ? `${feit.veld} ${oordeel === 'ONGETEKEND' ? 'carry no seal' : oordeel === 'VERLOPEN' ? 'expired' : 'were not signed by their owner'}` : `${feit.veld} did not arrive (is ${feit.eigenaar} available?)` };
      } else if (waarde!.status === 'BRON_ONBEREIKBAAR') {
        onverifieerbaar[domein] = { bron: waarde!.bron ?? feit.eigenaar, reden: `${feit.eigenaar} could not reach ${waarde!.bron}` };
      } else if (waarde!.status === 'BEKEND') {
        if (domein === 'beleid') { result.gemeente = waarde!.gemeente ?? null; result.geboortedatum = waarde!.geboortedatum ?? null; }
        else result.onderwijs = waarde!.relaties ?? [];
      } else if (domein === 'onderwijs') result.onderwijs = [];
    }
    if (onverifieerbaar.beleid || onverifieerbaar.onderwijs) result.onverifieerbaar = onverifieerbaar;
    return result;
  }

  private get wie(): Aanvrager { return { organisatie: this.interne.organisatie, bsn: this.interne.bsn }; }

  /** Whether the person falls within the activity's conditions for this employee. */
  bereik(p: Persoonskenmerken): Besluit {
    let besluit = this.bereikPerBsn.get(p.bsn);
    if (!besluit) {
      besluit = beoordeelBereik(this.activiteit, p, this.wie, this.today, this.deps.regions);
      this.bereikPerBsn.set(p.bsn, besluit);
    }
    return besluit;
  }

  /** An entry point's scope rule, on the facts the rule needs (fetched only then). */
  async beslisBereik(soort: BereikSoort, vraag: BereikVraag): Promise<BereikUitkomst> {
    const a = this.activiteit;
    switch (soort) {
      case 'GEEN': return { besluit: { uitkomst: 'TOEGESTAAN' } };
      case 'PERSOON': case 'PERSONEN': return { besluit: persoonBereik(a, vraag.bsn!, await vraag.brp!(), this.wie, this.today, this.deps.regions) };
      case 'OUD_STUDENT': return { besluit: oudStudentBereik(a, vraag.bsn!, await vraag.onderwijs!(), this.wie, this.today, this.deps.regions) };
      case 'CASELOAD': return caseloadBereik(a, this.wie, this.deps.regions);
      case 'OUD_STUDENTEN': return oudStudentenBereik(a, this.wie);
      case 'ZELF': return zelfBereik(a, this.wie);
      case 'TOEZICHT': return toezichtBereik(this.wie, vraag.bsn ? (await vraag.brp!())?.gemeente ?? null : undefined);
      case 'EIGEN_REGIO': return { besluit: eigenRegioBereik(a, this.wie, vraag.regio!, this.deps.regions) };
      case 'CONTACTGEMEENTE': return { besluit: contactgemeenteBereik(this.wie, await vraag.programmaRegio!()) };
    }
  }

  private get aanvrager(): Wie {
    return { zelf: Boolean(this.activiteit.voorwaarden.alleenEigenGegevens), bsn: this.interne.bsn, medewerker: this.interne.medewerker, rol: this.interne.rol, organisatie: this.interne.organisatie };
  }

  /** A rule of the consent model (policies/toestemming.ts), on the change's arguments and the consent it concerns. */
  async beslisRegel(regel: RegelNaam, vraag: RegelVraag): Promise<Besluit> {
    const register = this.deps.register;
    switch (regel) {
      case 'TOESTEMMING_VASTLEGGEN': return magVastleggen(register, this.aanvrager, vraag.args.invoer as Parameters<typeof magVastleggen>[2], this.today);
      case 'TOESTEMMING_BEVESTIGEN': return magBevestigen(register, (await vraag.toestemming?.()) ?? null, this.aanvrager, this.today);
      case 'TOESTEMMING_INTREKKEN': return magIntrekken((await vraag.toestemming?.()) ?? null, this.aanvrager, vraag.args.verzoek as Intrekkingsverzoek | null, this.today);
    }
  }

  /** Whether the caller may see one item of a list with a row rule. */
  rijZichtbaar(regel: Rijregel, item: unknown, eigenaar: unknown): boolean {
    if (regel === 'EIGEN_VERWERKING') return zichtbaar(item as ToestemmingFeit, this.activiteit, this.aanvrager);
    return !this.activiteit.voorwaarden.eigenStudenten || eigenaar === this.interne.organisatie;
  }

  /** Whether the register withholds this field (`Type.veld`) under the activity although its category is granted. */
  uitgezonderd(veld: string): Extract<Besluit, { uitkomst: 'GEEN_GRONDSLAG' }> | null {
    return this.activiteit.uitgezonderd.includes(veld)
      ? { uitkomst: 'GEEN_GRONDSLAG', categorie: veld, reden: `${this.interne.activiteit} excludes ${veld}` } : null;
  }

  /** The decision on one category of one person's data (and, given `veld`, the register's exclusions). */
  async beoordeel(p: Persoonskenmerken, categorie: string, veld?: string): Promise<Besluit> {
    const bereik = this.bereik(p);
    if (bereik.uitkomst !== 'TOEGESTAAN') return bereik;
    const uitsluiting = beoordeelUitsluiting(this.activiteit, p, categorie, this.today);
    if (uitsluiting.uitkomst !== 'TOEGESTAAN') return uitsluiting;
    return this.beoordeelCategorie(p.bsn, categorie, veld);
  }

  /** Legal basis and consent for one category of a person whose scope is already decided; with `veld`, the register's exclusions too. */
  async beoordeelCategorie(bsn: string, categorie: string, veld?: string): Promise<Besluit> {
    const uitgezonderd = veld ? this.uitgezonderd(veld) : null;
    if (uitgezonderd) return { ...uitgezonderd, categorie };
    if (this.toegestaneCategorieen.has(categorie)) return { uitkomst: 'TOEGESTAAN' };
    if (!this.metToestemming.has(categorie)) {
      return { uitkomst: 'GEEN_GRONDSLAG', categorie, reden: `${this.interne.activiteit} does not grant ${categorie}` };
    }
    if ((await this.consent.load(bsn)).has(categorie)) return { uitkomst: 'TOEGESTAAN' };
    return { uitkomst: 'GEEN_TOESTEMMING', categorie, reden: `no consent of the young person for ${categorie} under ${this.activiteit.id}` };
  }

  /** Whether the activity grants `categorie` outright (never consent-only): what filters, lists and counts may use. */
  toegestaan(categorie: string): boolean {
    return this.toegestaneCategorieen.has(categorie);
  }

  /** Whether a derived field may use a source of `categorie`: outright, or by the register's grant for that field alone. */
  bruikbaar(veld: string, categorie: string): boolean {
    return this.toegestaan(categorie) || this.activiteit.afgeleid.some((g) => g.veld === veld && g.categorieen.includes(categorie));
  }

  /** Notes the categories a filter used; every audit record of this request lists them. */
  noteerFilter(categorieen: Iterable<string>): void {
    for (const c of categorieen) this.filterCategorieen.add(c);
  }

  /** Notes a decision for the audit log. */
  registreer(bsn: string, categorie: string, besluit: Besluit): void {
    let entry = this.log.get(bsn);
    if (!entry) this.log.set(bsn, (entry = { verstrekt: new Set(), geweigerd: new Map(), wijzigingen: [] }));
    if (besluit.uitkomst === 'TOEGESTAAN') entry.verstrekt.add(categorie);
    else entry.geweigerd.set(categorie, besluit.uitkomst);
  }

  /** Notes a change this request made to the person's data (consent given or withdrawn, a nazorg contact): it goes into the audit record. */
  noteerWijziging(bsn: string, categorie: string, wijziging: string): void {
    this.registreer(bsn, categorie, { uitkomst: 'TOEGESTAAN' });
    this.log.get(bsn)!.wijzigingen.push(wijziging);
  }

  /**
   * Notes a disclosure about nobody in particular (figures of the monitor, the programme's
   * records): it gets one audit record of its own, without a data subject, so the privacy officer
   * also sees who read or changed which figures.
   */
  noteerZonderPersoon(categorie: string, omschrijving: string): void {
    this.zonderPersoon.categorieen.add(categorie);
    this.zonderPersoon.omschrijvingen.push(omschrijving);
  }

  /** Notes a refusal about nobody in particular: the privacy officer sees attempts too. */
  registreerZonderPersoon(categorie: string, besluit: Besluit, omschrijving: string): void {
    if (besluit.uitkomst === 'TOEGESTAAN') { this.noteerZonderPersoon(categorie, omschrijving); return; }
    this.zonderPersoon.geweigerd.set(categorie, besluit.uitkomst);
    this.zonderPersoon.omschrijvingen.push(omschrijving);
  }

  private readonly zonderPersoon = { categorieen: new Set<string>(), geweigerd: new Map<string, string>(), omschrijvingen: [] as string[] };
  private readonly fouten: GraphQLFormattedError[] = [];

  meldFout(pad: readonly (string | number)[], fout: AppError): void {
    this.fouten.push({ message: fout.message, path: [...pad], extensions: fout.extensions });
  }

  extraFouten(): GraphQLFormattedError[] {
    return this.fouten;
  }

  /** One Logboek Dataverwerkingen record per person this request decided on (and one for what concerned nobody in particular). */
  auditRecords(service: string, operation: string, failed: boolean, pseudonym: (bsn: string) => string): AuditRecord[] {
    const basis = { trace: this.trace, service, operation, start: this.startTime.toISOString(), end: new Date().toISOString(), mislukt: failed,
      activiteit: this.activiteit, wie: this.interne, aanroeper: this.interne.aanroeper };
    const records = [...this.log.entries()].map(([bsn, { verstrekt, geweigerd, wijzigingen }]) => logregel({ ...basis, subject: pseudonym(bsn), extra: {
      // What a filter selected on is disclosed about everyone the request disclosed anything of.
      'jf.categorieen.verstrekt': [...new Set([...verstrekt, ...(verstrekt.size ? this.filterCategorieen : [])])].sort(),
      'jf.categorieen.filter': [...this.filterCategorieen].sort(),
      'jf.categorieen.geweigerd': Object.fromEntries([...geweigerd.entries()].sort()),
      ...(wijzigingen.length ? { 'jf.wijzigingen': wijzigingen } : {}),
    } }));
    if (this.zonderPersoon.omschrijvingen.length) {
      records.push(logregel({ ...basis, subject: '', extra: {
        'jf.categorieen.verstrekt': [...this.zonderPersoon.categorieen].sort(),
        'jf.categorieen.geweigerd': Object.fromEntries([...this.zonderPersoon.geweigerd.entries()].sort()), 'jf.zonderPersoon': this.zonderPersoon.omschrijvingen,
      } }));
    }
    return records;
  }
}

/** The error a refused decision gives the client; the reason stays in the audit log. */
export function besluitFout(besluit: Besluit, activiteit: string): AppError | null {
  switch (besluit.uitkomst) {
    case 'TOEGESTAAN': return null;
    case 'GEEN_GRONDSLAG': return new AppError('NO_LEGAL_BASIS', `${activiteit} grants no legal basis for ${besluit.categorie}`, { category: besluit.categorie, activity: activiteit });
    case 'GEEN_TOESTEMMING': return new AppError('NO_CONSENT', `the young person has not consented to sharing ${besluit.categorie} under ${activiteit}`, { category: besluit.categorie, activity: activiteit });
    case 'BUITEN_BEREIK': return new AppError('OUT_OF_SCOPE', `this person is outside the scope of ${activiteit} for you`, { activity: activiteit });
    case 'ONVERIFIEERBAAR': return new AppError('SCOPE_UNVERIFIABLE', `whether this person is in scope cannot be verified: ${besluit.reden}`, { activity: activiteit, source: besluit.bron });
    case 'NIET_TOEGESTAAN': return new AppError(besluit.code, besluit.reden, { activity: activiteit });
  }
}
