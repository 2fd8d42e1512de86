/** Limits shared by client and server so both enforce the same numbers. */
export const LIMITS = {
  /** Largest JSON payload of one client event, in bytes. */
  maxEventBytes: 16 * 1024,
  /** socket.io frame limit; larger frames close the connection. */
  maxSocketFrameBytes: 64 * 1024,
  displayName: { min: 1, max: 40 },
  communityName: { min: 2, max: 60 },
  place: { max: 60 },
  description: { max: 2000 },
  channelName: { min: 1, max: 40 },
  topicPlan: { min: 1, max: 500 },
  joinMessage: { max: 300 },
  organisationName: { min: 2, max: 60 },
  staffTitle: { max: 40 },
  householdPart: { min: 1, max: 20 },
  inviteCode: { length: 8 },
  otp: {
    length: 6,
    ttlSeconds: 300,
    maxAttempts: 5,
    resendAfterSeconds: 60,
  },
  pageSize: { default: 50, max: 200 },
  message: {
    /** Characters in one message. */
    maxLength: 2000,
    maxMentions: 20,
    /** Sends one user may make per window, across all nodes. */
    sendBurst: 10,
    sendWindowSeconds: 10,
    historyPage: 50,
    syncMax: 500,
    /** Catch-up also returns changes to this many seqs before its cursor. */
    syncChangedSeqs: 128,
    /** Unread counts stop here (shown as 99+). */
    unreadCap: 100,
  },
  reactionsPerMessage: 20,
  /** Seconds a typing indicator lives unless refreshed. */
  typingTtlSeconds: 5,
  reportReason: { max: 300 },
  muteMinutes: { max: 60 * 24 * 30 },
} as const;

/** Sockets one user may hold open on one server node; the next handshake is refused with TOO_MANY_SOCKETS. */
export const MAX_SOCKETS_PER_USER = 20;
