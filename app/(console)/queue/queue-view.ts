import type { QueueFilter, SortKey } from '@/lib/queue/schemas';

// What the queue page shows: host, filters, sort and page, all from the URL.

export type QueueView = {
  host: string;
  filters: Partial<Record<keyof QueueFilter, string>>;
  sort: SortKey;
  order: 'asc' | 'desc';
  page: number;
};
