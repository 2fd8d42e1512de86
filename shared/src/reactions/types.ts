/** One emoji on a message and who chose it. */
export interface Reaction {
  emoji: string;
  count: number;
  userIds: string[];
}
