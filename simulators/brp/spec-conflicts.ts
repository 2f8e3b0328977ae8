/**
 * Where RvIG's own material disagrees: the feature files of BRP-API/Haal-Centraal-BRP-bevragen
 * give error bodies whose `detail` contains a colon ("De foutieve parameter(s) zijn: fields.")
 * and a relative `instance` ("/haalcentraal/api/brp/personen"), while the OpenAPI spec's
 * Foutbericht allows no colon in `detail` and asks `instance` to be an absolute URI; and its
 * InvalidParam `reason` pattern refuses the pattern text the feature files put there. The
 * simulator follows the feature files (the behaviour specification); validation against the spec
 * ignores exactly these findings and nothing else.
 */
export function withoutKnownSpecConflicts(errors: string[]): string[] {
  return errors.filter((e) => !/^\/detail must match pattern/.test(e) && !/^\/instance must match format "uri"/.test(e)
    && !/^\/invalidParams\/\d+\/reason must match pattern/.test(e) && !/^\/invalidParams\/\d+\/name must match pattern/.test(e));
}

/**
 * RvIG's own test data and code tables against the spec's string patterns: names and places with
 * characters outside the spec's `[a-zA-Z0-9À-ž ...]` ("°", "¦", "ı"), the table omschrijvingen
 * with a "/" (Tabel 32 "Macedonische/Burger van Noord-Macedonië", the naamgebruik values
 * "geslachtsnaam echtgenoot/geregistreerd partner ..."), foreign address lines longer than 40
 * characters, and BAG identifications that are not 16 digits. The simulator serves the data as
 * RvIG holds it; validation ignores exactly these findings, and the `if/then` failure a
 * polymorphic parent reports for them, and nothing else.
 */
export function withoutTestDataConflicts(errors: string[]): string[] {
  const dataFinding = (e: string) => / must match pattern "\^\[a-zA-Z0-9À-ž /.test(e)
    || /\/(adresseerbaarObjectIdentificatie|nummeraanduidingIdentificatie) must match pattern "\^\[0-9\]\{16\}\$"/.test(e)
    || /\/verblijfadres\/regel\d must NOT have more than 40 characters/.test(e);
  const findings = errors.filter(dataFinding);
  return errors.filter((e) => {
    if (dataFinding(e)) return false;
    const then = /^(\S*) must match "then" schema$/.exec(e);
    return !(then && findings.some((f) => f.startsWith(`${then[1]}/`)));
  });
}
