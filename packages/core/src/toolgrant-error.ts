// Errors are recognised by a `Symbol.for` marker, not `instanceof`: two copies of this package
// (or ESM and CJS builds of it) still recognise each other's errors.

const marker = 'toolgrant.error';
const symbol = Symbol.for(marker);

/**
 * Base of every Toolgrant error; recognise one with `isInstance`, which works across package copies.
 */
export class ToolgrantError extends Error {
  protected readonly [symbol] = true;

  constructor({ name, message, cause }: { name: string; message: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = name;
  }

  static isInstance(error: unknown): error is ToolgrantError {
    return ToolgrantError.hasMarker(error, marker);
  }

  protected static hasMarker(error: unknown, markerName: string): boolean {
    const markerSymbol = Symbol.for(markerName);
    return (
      typeof error === 'object' &&
      error !== null &&
      markerSymbol in error &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}
