import type { Platform } from '../../platform/modules.js';
import type { OrgModule } from '../org/org.module.js';
import { CalendarService } from './calendar.service.js';
import { ClockService } from './clock.service.js';
import { ClockSweep } from './clock-sweep.job.js';

export type SlaModule = ReturnType<typeof createSlaModule>;

/** Clocks for any subject a module registers, business calendars, and the sweep that warns, breaches and escalates. */
export function createSlaModule(platform: Platform, org: OrgModule) {
  const { db, audit, clock, messaging, log } = platform;
  const clocks = new ClockService(clock);
  const calendars = new CalendarService(db, audit, clock, clocks, org.directory);
  const sweep = new ClockSweep(db, clock, clocks, messaging, log, org.directory);
  return { clocks, calendars, sweep };
}
