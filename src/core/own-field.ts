// Copies a field of stored JSON into a new object safely, whatever its name (even `__proto__`).

/**
 * Plain assignment of a key named `__proto__` would replace the object's prototype instead of adding a field;
 * stored documents come from imports, so their keys are never trusted.
 */
export function setOwnField(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
