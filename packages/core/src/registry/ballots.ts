import { z } from 'zod';
import { IdentityKey } from './identityKey.js';
import { isoDateString } from './isoDate.js';

/** 同意 / 反对 / 弃权, plus a spoiled paper ballot (废票) that a counting team records as such. */
export const Choice = z.enum(['agree', 'oppose', 'abstain', 'invalid']);
export type Choice = z.infer<typeof Choice>;

/**
 * How a ballot reached the count. `officialPlatform` is a government e-voting system (Beijing
 * 条例 第35条 allows only that); `online` is any other electronic channel.
 */
export const Channel = z.enum(['paper', 'online', 'officialPlatform', 'proxy', 'inPerson']);
export type Channel = z.infer<typeof Channel>;

/** One owner's ballot in an owners' assembly vote (业主大会表决票). */
export const Ballot = z
  .object({
    owner: IdentityKey,
    choice: Choice,
    channel: Channel.optional(),
  })
  .strict();
export type Ballot = z.infer<typeof Ballot>;

export const Ballots = z.array(Ballot);

/** One person's vote at a meeting of people (居民会议、村民会议、业委会会议…). */
export const Vote = z
  .object({
    voter: IdentityKey,
    choice: Choice,
  })
  .strict();
export type Vote = z.infer<typeof Vote>;

/**
 * A meeting's sign-in sheet and votes. `present` lists the ids of those present (签到);
 * `votes` is what those present decided. A vote from someone not signed in is an error.
 */
export const MeetingRecord = z
  .object({
    date: isoDateString('the meeting date'),
    present: z.array(IdentityKey),
    votes: z.array(Vote).default([]),
    /** For opinion-only meetings (三会): the opinions recorded, free text. */
    opinions: z
      .array(
        z.object({ by: z.string().trim().normalize('NFC').optional(), text: z.string().min(1) }).strict(),
      )
      .default([]),
  })
  .strict();
export type MeetingRecord = z.infer<typeof MeetingRecord>;
export type MeetingRecordInput = z.input<typeof MeetingRecord>;
