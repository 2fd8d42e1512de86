import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useNavigateTo, type Route } from '../../lib/route';

/**
 * Back as the phone's back gesture does it: one step back in the app's own history when there is
 * one (so the gesture and the on-screen back agree), else to `fallback` replacing this entry
 * (a link opened from outside the app).
 */
export function useGoBack(): (fallback: Route) => void {
  const navigate = useNavigate();
  const navigateTo = useNavigateTo();
  return useCallback(
    (fallback: Route) => {
      const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
      if (index > 0) void navigate(-1);
      else navigateTo(fallback, { replace: true });
    },
    [navigate, navigateTo],
  );
}
