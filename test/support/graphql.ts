/** A plain GraphQL-over-HTTP client for tests: POST JSON, return status and body. */
export async function gql(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] } };
}

const TOEWIJZING = `toewijzingsnummer wet productcategorie { codelijst code omschrijving } aanbieder { agbCode naam }
      toewijzingsdatum begindatum einddatum startZorg stopZorg lopend
      productcode omvang { volume eenheid { code omschrijving } frequentie { code omschrijving } }
      redenWijziging { code omschrijving } juridischeStatus { code omschrijving } redenBeeindiging { code omschrijving }`;

/** The full integral view: every field of Jongere in every subgraph. */
export const INTEGRAL_QUERY = /* GraphQL */ `
  fragment Integraal on Jongere {
    bsn
    naam { voornamen voorvoegsel geslachtsnaam volledigeNaam }
    geslacht geboortedatum leeftijd overlijdensdatum nationaliteiten
    woonadres { straat huisnummer huisletter huisnummertoevoeging postcode woonplaats }
    gemeente { code naam arbeidsmarktregio { code } doorstroompuntregio { code } }
    startkwalificatie
    inschrijvingen { id instelling { brin naam } onderwijssoort niveau leerweg opleidingscode opleiding begindatum einddatum }
    huidigeInschrijving { id }
    diplomas { id instelling { brin naam } onderwijssoort niveau opleidingscode opleiding datum startkwalificatie }
    vsvRegistraties { id instelling { brin naam } datum inschrijvingId }
    doorstroomstatus
    doorstroomcoach { id naam }
    doorstroomtrajecten { id aanleiding status startdatum einddatum uitkomst coach { id naam } contactmomenten { datum soort } }
    verzuimmeldingen { id soort datum uren status instelling { brin naam } }
    vsvMeldingen { id datum reden instelling { brin } }
    heeftUitkering
    uitkering { soort sinds }
    reintegratietrajecten { id soort werkcoach { id naam } startdatum einddatum uitkomst }
    jongerenInBeeld { maand opgenomenSinds }
    heeftWerk
    dienstverbanden { begindatum einddatum urenPerWeek }
    heeftZorgtoewijzing
    zorgtoewijzingen { ${TOEWIJZING} }
    justitieleMaatregelen { ${TOEWIJZING} }
    jeugdbeschermingsmaatregelen { ${TOEWIJZING} }
  }
`;
