/**
 * Who took part in a community on Linli, from what is stored: filed a problem
 * report (the issue's reporter), argued (a message with a stance in a deliberation
 * topic's channel, still shown) or voted (a public poll's ballot, a secret poll's
 * voter row). Read by the survey (its "took part in Linli" join) and by the index
 * (participation breadth).
 *
 * Secret polls' voter rows carry no time (on purpose: nothing links a voter to a
 * moment a slot was filled): such a vote counts in every period that overlaps the
 * poll's voting window [opensAt, closedAt ?? closesAt), and before `at` when the
 * poll opened before `at`.
 */
import type { Types } from 'mongoose';
import { argumentStances } from '@linli/shared';
import { op } from '../lib/db.js';
import type { Models } from '../models.js';

export interface Participation {
  /** Did this user file a problem report, post an argument (a message with a stance in a deliberation channel)
   *  or cast a ballot in this community before `at`? (the survey's "took part in Linli" join) */
  tookPart(communityId: string, userId: string, at: Date): Promise<boolean>;
  /** Distinct users who filed, argued or voted in [from, to). */
  activeIds(communityId: string, from: Date, to: Date): Promise<string[]>;
}

interface PollWindow {
  _id: Types.ObjectId;
  ballot: string;
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
}

const votingEnds = (poll: PollWindow): Date => poll.closedAt ?? poll.closesAt;

export function createParticipation(deps: { models: Models }): Participation {
  const { models } = deps;
  const arguing = { stance: op({ $in: [...argumentStances] }), state: 'visible' };

  /** The polls of the community whose voting window overlaps [from, to). */
  async function pollsIn(communityId: string, from: Date | null, to: Date): Promise<PollWindow[]> {
    const polls = (await models.Poll.find({ communityId, opensAt: op({ $lt: to }) }, { ballot: 1, opensAt: 1, closesAt: 1, closedAt: 1 }).lean()) as PollWindow[];
    return from === null ? polls : polls.filter((poll) => votingEnds(poll).getTime() > from.getTime());
  }

  return {
    async tookPart(communityId, userId, at) {
      if (await models.Issue.exists({ communityId, reporterId: userId, createdAt: op({ $lt: at }) })) return true;
      if (await models.Message.exists({ communityId, authorId: userId, createdAt: op({ $lt: at }), ...arguing })) return true;
      const polls = await pollsIn(communityId, null, at);
      if (polls.length === 0) return false;
      const secret = polls.filter((poll) => poll.ballot === 'secret').map((poll) => poll._id);
      const open = polls.filter((poll) => poll.ballot !== 'secret').map((poll) => poll._id);
      if (open.length > 0 && (await models.PollBallot.exists({ pollId: op({ $in: open }), voterId: userId, castAt: op({ $lt: at }) }))) return true;
      if (secret.length > 0 && (await models.PollVoter.exists({ pollId: op({ $in: secret }), userId }))) return true;
      return false;
    },

    async activeIds(communityId, from, to) {
      const ids = new Set<string>();
      const period = op({ $gte: from, $lt: to });
      const filed = await models.Issue.find({ communityId, createdAt: period, reporterId: op({ $ne: null }) }, { reporterId: 1 }).lean();
      for (const issue of filed) if (issue.reporterId) ids.add(issue.reporterId.toString());
      const argued = await models.Message.find({ communityId, createdAt: period, ...arguing }, { authorId: 1 }).lean();
      for (const message of argued) ids.add(message.authorId.toString());
      const polls = await pollsIn(communityId, from, to);
      const secret = polls.filter((poll) => poll.ballot === 'secret').map((poll) => poll._id);
      const open = polls.filter((poll) => poll.ballot !== 'secret').map((poll) => poll._id);
      if (open.length > 0) {
        const ballots = await models.PollBallot.find({ pollId: op({ $in: open }), castAt: period }, { voterId: 1 }).lean();
        for (const ballot of ballots) ids.add(ballot.voterId.toString());
      }
      if (secret.length > 0) {
        const voters = await models.PollVoter.find({ pollId: op({ $in: secret }) }, { userId: 1 }).lean();
        for (const voter of voters) ids.add(voter.userId.toString());
      }
      return [...ids].sort();
    },
  };
}
