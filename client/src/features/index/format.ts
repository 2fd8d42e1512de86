import { addMonths, monthOf, type IndexComponent } from '@linli/shared';

/** The month shown first: the last one that ended (Shanghai time). */
export const lastMonth = (): string => addMonths(monthOf(new Date()), -1);

/** The twelve months up to the current one, newest first (the month picker). */
export const recentMonths = (): string[] => Array.from({ length: 12 }, (_, i) => addMonths(monthOf(new Date()), -i));

/** A score as shown: one decimal, or null. */
export const scoreText = (value: number | null | undefined, none: string): string => (value === null || value === undefined ? none : value.toFixed(1));

export const componentOf = (components: readonly IndexComponent[], key: string) => components.find((c) => c.key === key);
