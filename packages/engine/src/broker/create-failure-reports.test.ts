import { describe, expect, it } from 'vitest';
import { createFailureReports } from './create-failure-reports.js';

describe('createFailureReports', () => {
  it('says whether a flow was reported before, forgetting it after keepMs', () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const reports = createFailureReports({ clock: () => now, keepMs: 1000 });
    expect(reports.reportedBefore('flow_a')).toBe(false);
    expect(reports.reportedBefore('flow_a')).toBe(true);
    now = new Date(now.getTime() + 1000);
    expect(reports.reportedBefore('flow_a')).toBe(false);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const reports = createFailureReports({ clock: () => now, maxEntries: 2 });
    reports.reportedBefore('flow_a');
    reports.reportedBefore('flow_b');
    reports.reportedBefore('flow_c');
    expect(reports.reportedBefore('flow_c')).toBe(true);
    expect(reports.reportedBefore('flow_a')).toBe(false);
  });
});
