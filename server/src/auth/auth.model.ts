import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

const userSchema = new Schema(
  {
    /** E.164, e.g. +8613812345678. Never sent to other users, never logged. */
    phone: { type: String, required: true },
    displayName: { type: String, required: true },
    isPlatformAdmin: { type: Boolean, default: false },
    bannedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
userSchema.index({ phone: 1 }, { unique: true });

const otpSchema = new Schema({
  phone: { type: String, required: true },
  /** sha256(pepper, phone, code): the code itself is never stored. */
  codeHash: { type: String, required: true },
  sentAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  /** Tries so far: verifyCode counts each one, below the limit, before it compares the code. */
  attempts: { type: Number, default: 0 },
  /** Set once, by the one conditional update that spends the code. */
  usedAt: { type: Date, default: null },
});
// One live challenge per phone; a resend replaces it.
otpSchema.index({ phone: 1 }, { unique: true });
otpSchema.index({ expiresAt: 1 });

const sessionSchema = new Schema({
  /** sha256 of the cookie token; the token itself only lives in the cookie. */
  tokenHash: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  userAgent: { type: String, default: '' },
});
sessionSchema.index({ tokenHash: 1 }, { unique: true });
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export type OtpDoc = InferSchemaType<typeof otpSchema>;
export type SessionDoc = InferSchemaType<typeof sessionSchema> & { _id: Types.ObjectId };

export function defineAuthModels(conn: Connection) {
  return {
    User: conn.model('User', userSchema) as Model<InferSchemaType<typeof userSchema>>,
    Otp: conn.model('OtpChallenge', otpSchema) as Model<InferSchemaType<typeof otpSchema>>,
    Session: conn.model('Session', sessionSchema) as Model<InferSchemaType<typeof sessionSchema>>,
  };
}
