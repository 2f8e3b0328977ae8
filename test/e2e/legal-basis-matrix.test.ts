import { legalBasisMatrix } from '../support/legal-basis-matrix';
import { TEST_DAY } from '../support/system';

/** Every role x every activity, for the register versions in force on the test day (test/support/legal-basis-matrix.ts). */
legalBasisMatrix(TEST_DAY);
