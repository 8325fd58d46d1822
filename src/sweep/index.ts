/** The scheduled sweep (DESIGN §7): one pass over every installation and opted-in repository. */
export { createSweepCache, type SweepCache } from './sweep-cache.js';
export { scheduleSweeps, singleFlight } from './schedule.js';
export { summaryText, totalsLine } from './summary-text.js';
export { sweepAll } from './sweep-all.js';
export type * from './types.js';
