/** Keeps a community's survey lists, pages and (for staff) results live: a saved survey refetches its views, a response refetches the results. */
import { useQueryClient } from '@tanstack/react-query';
import { useCommunityEvent } from '../../lib/communityEvents';
import { surveyKeys } from './surveyQueries';

export function useSurveysLive(communityId: string): void {
  const queryClient = useQueryClient();
  useCommunityEvent('survey:saved', communityId, (survey) => {
    void queryClient.invalidateQueries({ queryKey: surveyKeys.list(communityId) });
    void queryClient.invalidateQueries({ queryKey: surveyKeys.detail(communityId, survey.id) });
  });
  useCommunityEvent('survey:responded', communityId, ({ surveyId }) => {
    void queryClient.invalidateQueries({ queryKey: surveyKeys.results(communityId, surveyId) });
    void queryClient.invalidateQueries({ queryKey: surveyKeys.list(communityId) });
    void queryClient.invalidateQueries({ queryKey: surveyKeys.detail(communityId, surveyId) });
  });
}
