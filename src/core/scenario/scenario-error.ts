/**
 * Errors of a scenario that cannot be opened at all. Kept apart from scenario.ts so that the
 * gate (admit.ts) and the field rules (fields.ts) can throw them without an import cycle;
 * scenario.ts re-exports both.
 */

/** A scenario refused as a whole; the message starts with the file (or door) name. */
export class ScenarioFileError extends Error {
  constructor(fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.name = 'ScenarioFileError';
  }
}

/**
 * A scenario refused because of one field: the message is `<file>: <path>: <reason>`, the path
 * written as in JavaScript with 0-based indices, e.g.
 * `scenario.json: sites[3].sectors[1].carrierId: must be text (an id), got the number 7`.
 */
export class ScenarioFieldError extends ScenarioFileError {
  /** File or door name ("shared link", "autosave"). */
  readonly fileName: string;
  /** Path of the field, e.g. `privateNetworks[0].serviceArea.coordinates[0][4]`. */
  readonly path: string;
  /** What is wrong, without file and path. */
  readonly reason: string;
  constructor(fileName: string, path: string, reason: string) {
    super(fileName, `${path}: ${reason}`);
    this.name = 'ScenarioFieldError';
    this.fileName = fileName;
    this.path = path;
    this.reason = reason;
  }
}
