import { readFileSync, writeFileSync } from 'node:fs';
import { convertTestset } from '../population/lo3';
import { TESTSET_CSV, TESTSET_JSON, loadCodeTabellen } from '../population/testset';

/** Converts RvIG's LO3 test set into Haal Centraal persons, once; the output is committed. */
const personen = convertTestset(readFileSync(TESTSET_CSV, 'utf8'), loadCodeTabellen());
writeFileSync(TESTSET_JSON, `${JSON.stringify(personen, null, 1)}\n`);
console.log(`wrote ${personen.length} persons to ${TESTSET_JSON}`);
