import { AppError } from '../errors';

/**
 * The BSN elfproef: for digits A..I, 9A+8B+7C+6D+5E+4F+3G+2H-1I must be divisible by 11.
 * An eight-digit number is read with a leading zero; the caller pads.
 */
export function elfproefSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (digits.charCodeAt(i) - 48);
  return sum - (digits.charCodeAt(8) - 48);
}

export function isValidBsn(value: string): boolean {
  return /^[0-9]{9}$/.test(value) && elfproefSum(value) % 11 === 0 && value !== '000000000';
}

/** Throws BAD_USER_INPUT naming the rule that `value` breaks. */
export function assertBsn(value: string, argument = 'bsn'): string {
  if (!/^[0-9]{9}$/.test(value)) {
    throw new AppError('BAD_USER_INPUT', `${argument} must be exactly 9 digits; received "${value}"`, {
      argument,
      rule: 'BSN_FORMAT',
    });
  }
  if (!isValidBsn(value)) {
    throw new AppError(
      'BAD_USER_INPUT',
      `${argument} fails the elfproef (9A+8B+7C+6D+5E+4F+3G+2H-1I must be divisible by 11); received "${value}"`,
      { argument, rule: 'BSN_ELFPROEF' },
    );
  }
  return value;
}

/** The check digit that makes eight leading digits a valid BSN, or null when none does. */
export function checkDigit(first8: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (first8.charCodeAt(i) - 48);
  const digit = sum % 11;
  return digit === 10 ? null : digit;
}
