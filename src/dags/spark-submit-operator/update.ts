import type { FoundSetting } from '../family.js';
import { spliceValue } from '../splice.js';

/** Writes a new value over `setting`'s value text; null when the file no longer holds the old value there. */
export function updateSetting(source: string, setting: FoundSetting, newValue: string): string | null {
  if (setting.literal === 'number' && !/^\d+$/.test(newValue)) return null;
  return spliceValue(source, setting.range, setting.value, newValue);
}
