/** Airflow ids matched against `include`/`exclude` globs of the repository config: `*` any run, `?` one character. */
export function matchesGlob(id: string, glob: string): boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(id);
}

/** True when the id is included and not excluded. */
export function isSelected(id: string, include: string[], exclude: string[]): boolean {
  return include.some((glob) => matchesGlob(id, glob)) && !exclude.some((glob) => matchesGlob(id, glob));
}
