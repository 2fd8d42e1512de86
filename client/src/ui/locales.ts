/** Strings of the shared list parts (ui/InfiniteList, ui/EmptyState): namespace `lists`. */
export const listLocales = {
  'zh-CN': {
    lists: {
      more: '加载更多',
      loadingMore: '正在加载…',
      end: '已经到底了',
      loading: '正在加载…',
      failed: '没能加载：{{error}}',
      retry: '重试',
    },
  },
  en: {
    lists: {
      more: 'Load more',
      loadingMore: 'Loading…',
      end: "That's everything",
      loading: 'Loading…',
      failed: 'Could not load: {{error}}',
      retry: 'Try again',
    },
  },
};
