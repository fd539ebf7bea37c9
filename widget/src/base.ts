/** The API base the entry script found from its own URL; the `api` attribute overrides it per element. */
export let defaultBase = '';

export function setDefaultBase(base: string): void {
  defaultBase = base;
}
