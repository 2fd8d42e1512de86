import { addMonths, monthOf } from '@linli/shared';
import type { LinliApp } from '../app.js';
import type { Models } from '../models.js';
import { DEMO_COMMUNITY, demoCallers } from './demo.js';

/**
 * The index's regions and published months, through the real services: 南山区 /
 * 桃源街道 with every community of that street (both demo communities) grouped under
 * it, 王书记 overseeing the street, and the two past months published (frozen) for
 * each community there. Runs after every other seed; null when seeded already.
 */
export async function seedDemoIndex(models: Models, linli: LinliApp): Promise<{ district: string; street: string; communities: string[]; months: string[] } | null> {
  if (await models.District.exists({ name: DEMO_COMMUNITY.district })) return null;
  const callers = await demoCallers(models);
  const admin = callers[0]; // 张主任, platform admin
  const supervisor = callers[2]; // 王书记
  const { regions, index } = linli.services;
  const district = await regions.saveDistrict(admin, { name: DEMO_COMMUNITY.district, deliberationDays: 7 });
  const street = await regions.saveStreet(admin, { districtId: district.id, name: DEMO_COMMUNITY.street });
  const communities = await models.Community.find({ district: DEMO_COMMUNITY.district, street: DEMO_COMMUNITY.street }, { name: 1 }).sort({ name: 1 }).lean();
  for (const community of communities) await regions.assign(admin, { communityId: community._id.toString(), streetId: street.id });
  const user = (await models.User.findOne({ _id: supervisor.userId }, { phone: 1 }).lean())!;
  await regions.grant(admin, { phone: user.phone, regionType: 'street', regionId: street.id });
  const thisMonth = monthOf(new Date());
  const months = [addMonths(thisMonth, -2), addMonths(thisMonth, -1)];
  for (const month of months) {
    for (const community of communities) await index.publish(admin, { communityId: community._id.toString(), month });
  }
  return { district: district.name, street: street.name, communities: communities.map((c) => c.name), months };
}
