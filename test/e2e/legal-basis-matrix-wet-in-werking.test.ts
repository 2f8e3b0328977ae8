import { legalBasisMatrix } from '../support/legal-basis-matrix';

/**
 * Every role x every activity for the register re-based on the law in force (the versions in force
 * from 2026-12-01, docs/fg-review.md "The law in force"), on a system whose clock says 2026-12-07.
 */
legalBasisMatrix('2026-12-07');
