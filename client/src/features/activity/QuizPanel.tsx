import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { QuizActivity, QuizQuestion, QuizQuestionView, QuizTurn } from '@linli/shared';
import { useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorLine } from '../../ui/ErrorLine';
import { activityKeys, leaderboardQuery, useSaveActivity } from './activityQueries';

interface Props {
  communityId: string;
  activity: QuizActivity;
  turn: QuizTurn | null;
  /** Staff: the questions with their answers. */
  questions: QuizQuestion[] | null;
  manage: boolean;
}

const letters = 'ABCDEF';

function useSeconds() {
  const { t } = useTranslation();
  return (ms: number) => t('activity.quiz.secondsShort', { value: (ms / 1000).toFixed(1) });
}

/** A quiz: the rule, taking it (one question at a time, timed by the server), the result and the leaderboard. */
export function QuizPanel({ communityId, activity, turn: initial, questions, manage }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The latest answer's turn, until the page reloads (a push, a reconnect) with the server's view of the attempt.
  const [local, setLocal] = useState<{ from: QuizTurn | null; turn: QuizTurn } | null>(null);
  const turn = local && local.from === initial ? local.turn : initial;
  const setTurn = (next: QuizTurn) => setLocal({ from: initial, turn: next });
  const action = useAction();
  const onTurn = (next: QuizTurn) => {
    setTurn(next);
    if (next.state === 'finished') void queryClient.invalidateQueries({ queryKey: activityKeys.leaderboard(communityId, activity.id) });
  };

  return (
    <>
      <section className="panel stack" data-testid="quiz-panel" data-state={turn?.state ?? 'none'}>
        <p className="small">
          {activity.timing === 'quiz' ? t('activity.quiz.timingQuiz', { seconds: activity.seconds }) : t('activity.quiz.timingQuestion', { seconds: activity.seconds })}
        </p>
        {activity.prizes.length > 0 && (
          <p className="small" data-testid="quiz-prizes">
            {t('activity.quiz.prizes', { list: activity.prizes.map((p) => (p.fromRank === p.toRank ? t('activity.quiz.prizeRank', { rank: p.fromRank, name: p.name }) : t('activity.quiz.prizeBand', { from: p.fromRank, to: p.toRank, name: p.name }))).join('；') })}
          </p>
        )}
        <p className="small muted quiz-rule" data-testid="quiz-rule">
          {t('activity.quiz.rule')}
        </p>
        {(!turn || turn.state === 'none') && activity.phase === 'open' && (
          <div className="stack">
            <p className="small">{t('activity.quiz.startHint')}</p>
            <button
              type="button"
              className="primary big-button"
              data-testid="quiz-start"
              disabled={action.pending}
              onClick={() => void action.run(() => request('activity:quizStart', { activityId: activity.id })).then((next) => next && onTurn(next))}
            >
              {t('activity.quiz.start')}
            </button>
            <ErrorLine error={action.error} />
          </div>
        )}
        {(!turn || turn.state === 'none') && activity.phase === 'upcoming' && <p className="muted">{t('activity.quiz.upcoming')}</p>}
        {(!turn || turn.state === 'none') && (activity.phase === 'closed' || activity.phase === 'cancelled') && <p className="muted">{t('activity.quiz.closedNoAttempt')}</p>}
        {turn?.state === 'running' && turn.question && activity.phase === 'open' && <QuizRunner key={turn.question.index} activityId={activity.id} turn={turn} question={turn.question} onTurn={onTurn} />}
        {turn?.state === 'finished' && <QuizResult turn={turn} />}
        {turn?.review && turn.state !== 'finished' && <Review turn={turn} />}
      </section>
      <Leaderboard communityId={communityId} activity={activity} manage={manage} />
      {manage && <StaffQuizTools communityId={communityId} activity={activity} questions={questions} />}
    </>
  );
}

/** One question on screen: a countdown to the server's deadline and big answer buttons. */
function QuizRunner({ activityId, turn, question, onTurn }: { activityId: string; turn: QuizTurn; question: QuizQuestionView; onTurn: (turn: QuizTurn) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [picked, setPicked] = useState<number[]>([]);
  // The deadline on the phone's clock: the server's deadline moved by how far the phone's clock is off.
  const [deadline] = useState(() => Date.parse(turn.deadline ?? '') - (Date.parse(turn.serverTime) - Date.now()));
  const [left, setLeft] = useState(() => Math.max(0, deadline - Date.now()));
  const sent = useRef(false);
  const send = (choice: number[]) => {
    if (sent.current) return;
    sent.current = true;
    void action.run(() => request('activity:quizAnswer', { activityId, index: question.index, choice })).then((next) => {
      if (next) onTurn(next);
      else sent.current = false;
    });
  };
  useEffect(() => {
    const timer = setInterval(() => setLeft(Math.max(0, deadline - Date.now())), 250);
    return () => clearInterval(timer);
  }, [deadline]);
  // Time is up: send what is picked (the server scores it 0 when late) and go on.
  useEffect(() => {
    if (left === 0) send(picked);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [left === 0]);
  const secondsLeft = Math.ceil(left / 1000);
  const multiple = question.kind === 'multiple';
  return (
    <div className="quiz-runner stack" data-testid="quiz-question" data-index={question.index}>
      <div className="row between">
        <span className="small">{t('activity.quiz.progress', { n: question.index + 1, total: turn.questionCount, points: question.points })}</span>
        <span className={secondsLeft <= 5 ? 'quiz-countdown urgent' : 'quiz-countdown'} data-testid="quiz-countdown" role="timer" aria-live="off">
          {t('activity.quiz.timeLeft', { seconds: secondsLeft })}
        </span>
      </div>
      <progress className="quiz-time" max={question.seconds * 1000} value={left} aria-hidden="true" />
      <p className="quiz-question-text">{question.text}</p>
      {multiple && <p className="small muted">{t('activity.quiz.multipleHint')}</p>}
      <div className="quiz-options">
        {question.options.map((label, option) => (
          <button
            key={option}
            type="button"
            className={multiple ? 'toggle quiz-option' : 'secondary quiz-option'}
            aria-pressed={multiple ? picked.includes(option) : undefined}
            data-testid="quiz-option"
            disabled={action.pending || left === 0}
            onClick={() => (multiple ? setPicked((p) => (p.includes(option) ? p.filter((o) => o !== option) : [...p, option])) : send([option]))}
          >
            <span className="quiz-letter">{letters[option]}</span> {label}
          </button>
        ))}
      </div>
      {multiple && (
        <button type="button" className="primary big-button" data-testid="quiz-submit" disabled={action.pending || picked.length === 0 || left === 0} onClick={() => send(picked)}>
          {t('activity.quiz.submit')}
        </button>
      )}
      {left === 0 && <p className="small muted">{t('activity.quiz.timeUp')}</p>}
      <ErrorLine error={action.error} />
    </div>
  );
}

function QuizResult({ turn }: { turn: QuizTurn }) {
  const { t } = useTranslation();
  const seconds = useSeconds();
  return (
    <div className="stack" data-testid="quiz-result">
      <p className="quiz-score">{t('activity.quiz.finished', { score: turn.score ?? 0, time: seconds(turn.totalMs ?? 0) })}</p>
      {turn.rank !== null && <p data-testid="quiz-rank">{t('activity.quiz.rank', { rank: turn.rank })}</p>}
      <Review turn={turn} />
    </div>
  );
}

function Review({ turn }: { turn: QuizTurn }) {
  const { t } = useTranslation();
  if (!turn.review) return null;
  const answers = new Map(turn.review.answers.map((a) => [a.index, a]));
  const labelOf = (q: QuizQuestion, choice: number[]) => (choice.length === 0 ? t('activity.quiz.none') : choice.map((o) => `${letters[o]} ${q.options[o]}`).join('、'));
  return (
    <details className="quiz-review" data-testid="quiz-review">
      <summary>{t('activity.quiz.review')}</summary>
      <ol>
        {turn.review.questions.map((q) => {
          const a = answers.get(q.index);
          return (
            <li key={q.index} className="stack-tight">
              <span>{q.text}</span>
              {a && (
                <span className={a.points > 0 ? 'small ok-text' : 'small error'}>
                  {t('activity.quiz.yourAnswer', { answer: labelOf(q, a.choice) })} · {a.points} {a.late ? `(${t('activity.quiz.late')})` : ''}
                </span>
              )}
              <span className="small">{t('activity.quiz.correctAnswer', { answer: labelOf(q, q.correct) })}</span>
            </li>
          );
        })}
      </ol>
    </details>
  );
}

function Leaderboard({ communityId, activity, manage }: { communityId: string; activity: QuizActivity; manage: boolean }) {
  const { t } = useTranslation();
  const seconds = useSeconds();
  const board = useSocketQuery(leaderboardQuery(communityId, activity.id));
  const queryClient = useQueryClient();
  const action = useAction();
  const data = board.data;
  return (
    <section className="panel" data-testid="quiz-leaderboard">
      <h3>{t('activity.quiz.leaderboard')}</h3>
      {data && <p className="small muted">{t('activity.quiz.finishedCount', { count: data.finished })}</p>}
      {data?.mine && (
        <p className="quiz-mine" data-testid="quiz-my-rank">
          {t('activity.quiz.mine', { rank: data.mine.rank, score: data.mine.score })}
        </p>
      )}
      {data && data.rows.length === 0 && <p className="muted">{t('activity.quiz.noFinishers')}</p>}
      {data && data.rows.length > 0 && (
        <ol className="leaderboard">
          {data.rows.map((row) => (
            <li key={row.rank} className="leaderboard-row" data-testid="quiz-leaderboard-row">
              <span className="leaderboard-rank" aria-label={t('activity.quiz.columns.rank')}>
                {row.rank}
              </span>
              <span className="leaderboard-main">
                <span className="leaderboard-name">{row.displayName}</span>
                <span className="small">
                  {t('activity.quiz.rowScore', { score: row.score })} · {seconds(row.totalMs)}
                </span>
                {row.prize && (
                  <span className="small">
                    🎁 {row.prize}
                    {row.prizeGivenAt && <span className="muted"> · {t('activity.quiz.given', { name: row.prizeGivenByName ?? '' })}</span>}
                  </span>
                )}
              </span>
              {manage && row.prize && !row.prizeGivenAt && row.attemptId && (
                <button
                  type="button"
                  className="secondary"
                  data-testid="quiz-give-prize"
                  disabled={action.pending}
                  onClick={() =>
                    void action
                      .run(() => request('activity:givePrize', { attemptId: row.attemptId! }))
                      .then((done) => done && queryClient.invalidateQueries({ queryKey: activityKeys.leaderboard(communityId, activity.id) }))
                  }
                >
                  {t('activity.quiz.give')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <ErrorLine error={action.error} />
    </section>
  );
}

function StaffQuizTools({ communityId, activity, questions }: { communityId: string; activity: QuizActivity; questions: QuizQuestion[] | null }) {
  const { t } = useTranslation();
  const action = useAction();
  const save = useSaveActivity(communityId);
  return (
    <section className="panel stack" data-testid="quiz-staff-tools">
      {activity.resultsPublishedAt ? (
        <p>
          <span className="badge ok">{t('activity.quiz.published')}</span>
        </p>
      ) : (
        activity.phase !== 'cancelled' &&
        activity.phase !== 'upcoming' && (
          <>
            <p className="small muted">{t('activity.quiz.publishHint')}</p>
            <div className="row">
              <ConfirmButton
                label={t('activity.quiz.publish')}
                confirmLabel={t('activity.quiz.publish')}
                testId="quiz-publish"
                disabled={action.pending}
                onConfirm={() => void action.run(() => request('activity:publishResults', { activityId: activity.id })).then((done) => done && save(done))}
              />
            </div>
            <ErrorLine error={action.error} />
          </>
        )
      )}
      {questions && (
        <details>
          <summary>{t('activity.quiz.questions')}</summary>
          <ol>
            {questions.map((q) => (
              <li key={q.index}>
                {q.text} <span className="small muted">({q.points})</span>
                <ul className="small">
                  {q.options.map((label, option) => (
                    <li key={option} className={q.correct.includes(option) ? 'ok-text' : undefined}>
                      {letters[option]} {label} {q.correct.includes(option) ? '✓' : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
