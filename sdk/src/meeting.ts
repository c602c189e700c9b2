/** Meeting status as derived from the source (see docs/meetings-and-cablecast.md). */
export type MeetingStatus = 'tentative' | 'confirmed' | 'passed' | 'cancelled' | 'rescheduled';

/** A link published with a meeting. */
export interface MeetingLink {
  readonly kind: 'agenda' | 'minutes' | 'video' | 'other';
  readonly title: string;
  readonly url: string;
}

/** One public meeting. */
export interface Meeting {
  /** Stable across re-scrapes of the same meeting. */
  readonly id: string;
  readonly body: string;
  readonly title: string;
  /** ISO 8601 with offset, in the source's IANA zone. */
  readonly start: string;
  readonly end?: string;
  readonly timeZone: string;
  readonly allDay: boolean;
  readonly location?: string;
  readonly status: MeetingStatus;
  readonly links: readonly MeetingLink[];
  readonly source: string;
  readonly scrapedAt: number;
}
