/** Every lesson template, by id. The course check proves each lesson in the course has one here. */
import type { ComponentType } from 'react';
import type { LessonProps } from '../_components/lesson.js';
import type { LessonMeta } from '../_components/props.js';
import HealthyDay00, { meta as healthyDay00Meta } from './healthy/day-00.js';
import HealthyDay01, { meta as healthyDay01Meta } from './healthy/day-01.js';
import HealthyDay02, { meta as healthyDay02Meta } from './healthy/day-02.js';
import HealthyDay05, { meta as healthyDay05Meta } from './healthy/day-05.js';
import HealthyDay08, { meta as healthyDay08Meta } from './healthy/day-08.js';
import HealthyDay11, { meta as healthyDay11Meta } from './healthy/day-11.js';
import HealthyDay14, { meta as healthyDay14Meta } from './healthy/day-14.js';
import HealthyDay23, { meta as healthyDay23Meta } from './healthy/day-23.js';
import HealthyDay26, { meta as healthyDay26Meta } from './healthy/day-26.js';
import HealthyDay33, { meta as healthyDay33Meta } from './healthy/day-33.js';
import HealthyDay35, { meta as healthyDay35Meta } from './healthy/day-35.js';
import HealthyDay45, { meta as healthyDay45Meta } from './healthy/day-45.js';
import HealthyDay46, { meta as healthyDay46Meta } from './healthy/day-46.js';
import HealthyDay53, { meta as healthyDay53Meta } from './healthy/day-53.js';
import HealthyDay60, { meta as healthyDay60Meta } from './healthy/day-60.js';
import SharedAlone, { meta as sharedAloneMeta } from './shared/alone.js';
import SharedBrokeNoContact, { meta as sharedBrokeNoContactMeta } from './shared/broke-no-contact.js';
import SharedClosing, { meta as sharedClosingMeta } from './shared/closing.js';
import SharedCommunication, { meta as sharedCommunicationMeta } from './shared/communication.js';
import SharedExDating, { meta as sharedExDatingMeta } from './shared/ex-dating.js';
import SharedExReachedOut, { meta as sharedExReachedOutMeta } from './shared/ex-reached-out.js';
import SharedFirstDays, { meta as sharedFirstDaysMeta } from './shared/first-days.js';
import SharedKeepAsking, { meta as sharedKeepAskingMeta } from './shared/keep-asking.js';
import SharedMeetSlowly, { meta as sharedMeetSlowlyMeta } from './shared/meet-slowly.js';
import SharedMentalHealthFirst, { meta as sharedMentalHealthFirstMeta } from './shared/mental-health-first.js';
import SharedMoreTime2, { meta as sharedMoreTime2Meta } from './shared/more-time-2.js';
import SharedMoreTime3, { meta as sharedMoreTime3Meta } from './shared/more-time-3.js';
import SharedMoreTime, { meta as sharedMoreTimeMeta } from './shared/more-time.js';
import SharedMoveForward, { meta as sharedMoveForwardMeta } from './shared/move-forward.js';
import SharedNewChapter, { meta as sharedNewChapterMeta } from './shared/new-chapter.js';
import SharedNoAnswer, { meta as sharedNoAnswerMeta } from './shared/no-answer.js';
import SharedOwnPace, { meta as sharedOwnPaceMeta } from './shared/own-pace.js';
import SharedPersonalGrowth, { meta as sharedPersonalGrowthMeta } from './shared/personal-growth.js';
import SharedReadiness, { meta as sharedReadinessMeta } from './shared/readiness.js';
import SharedSelfEsteem, { meta as sharedSelfEsteemMeta } from './shared/self-esteem.js';
import SharedStartAgain, { meta as sharedStartAgainMeta } from './shared/start-again.js';
import SharedTogether, { meta as sharedTogetherMeta } from './shared/together.js';
import SharedTriggers, { meta as sharedTriggersMeta } from './shared/triggers.js';
import SharedUnsentLetter, { meta as sharedUnsentLetterMeta } from './shared/unsent-letter.js';
import StressBreakCheck2, { meta as stressBreakCheck2Meta } from './stress/break-check-2.js';
import StressBreakCheck3, { meta as stressBreakCheck3Meta } from './stress/break-check-3.js';
import StressBreakCheck, { meta as stressBreakCheckMeta } from './stress/break-check.js';
import StressBreakLong, { meta as stressBreakLongMeta } from './stress/break-long.js';
import StressDay00, { meta as stressDay00Meta } from './stress/day-00.js';
import StressDay01, { meta as stressDay01Meta } from './stress/day-01.js';
import StressDay02, { meta as stressDay02Meta } from './stress/day-02.js';
import StressDay03, { meta as stressDay03Meta } from './stress/day-03.js';
import StressDay04, { meta as stressDay04Meta } from './stress/day-04.js';
import StressDay05, { meta as stressDay05Meta } from './stress/day-05.js';
import StressDay07, { meta as stressDay07Meta } from './stress/day-07.js';
import StressDay10, { meta as stressDay10Meta } from './stress/day-10.js';
import StressDay17, { meta as stressDay17Meta } from './stress/day-17.js';
import StressDay21, { meta as stressDay21Meta } from './stress/day-21.js';
import StressDay28, { meta as stressDay28Meta } from './stress/day-28.js';
import TumultuousDay00, { meta as tumultuousDay00Meta } from './tumultuous/day-00.js';
import TumultuousDay01, { meta as tumultuousDay01Meta } from './tumultuous/day-01.js';
import TumultuousDay03, { meta as tumultuousDay03Meta } from './tumultuous/day-03.js';
import TumultuousDay16, { meta as tumultuousDay16Meta } from './tumultuous/day-16.js';
import TumultuousDay20, { meta as tumultuousDay20Meta } from './tumultuous/day-20.js';
import TumultuousDay24, { meta as tumultuousDay24Meta } from './tumultuous/day-24.js';
import TumultuousDay26, { meta as tumultuousDay26Meta } from './tumultuous/day-26.js';
import TumultuousDay30, { meta as tumultuousDay30Meta } from './tumultuous/day-30.js';
import TumultuousDay31, { meta as tumultuousDay31Meta } from './tumultuous/day-31.js';
import TumultuousDay37, { meta as tumultuousDay37Meta } from './tumultuous/day-37.js';
import TumultuousDay45, { meta as tumultuousDay45Meta } from './tumultuous/day-45.js';

export interface LessonTemplate {
  meta: LessonMeta;
  Component: ComponentType<LessonProps>;
}

export const allLessonTemplates: LessonTemplate[] = [
  { meta: healthyDay00Meta, Component: HealthyDay00 },
  { meta: healthyDay01Meta, Component: HealthyDay01 },
  { meta: healthyDay02Meta, Component: HealthyDay02 },
  { meta: healthyDay05Meta, Component: HealthyDay05 },
  { meta: healthyDay08Meta, Component: HealthyDay08 },
  { meta: healthyDay11Meta, Component: HealthyDay11 },
  { meta: healthyDay14Meta, Component: HealthyDay14 },
  { meta: healthyDay23Meta, Component: HealthyDay23 },
  { meta: healthyDay26Meta, Component: HealthyDay26 },
  { meta: healthyDay33Meta, Component: HealthyDay33 },
  { meta: healthyDay35Meta, Component: HealthyDay35 },
  { meta: healthyDay45Meta, Component: HealthyDay45 },
  { meta: healthyDay46Meta, Component: HealthyDay46 },
  { meta: healthyDay53Meta, Component: HealthyDay53 },
  { meta: healthyDay60Meta, Component: HealthyDay60 },
  { meta: sharedAloneMeta, Component: SharedAlone },
  { meta: sharedBrokeNoContactMeta, Component: SharedBrokeNoContact },
  { meta: sharedClosingMeta, Component: SharedClosing },
  { meta: sharedCommunicationMeta, Component: SharedCommunication },
  { meta: sharedExDatingMeta, Component: SharedExDating },
  { meta: sharedExReachedOutMeta, Component: SharedExReachedOut },
  { meta: sharedFirstDaysMeta, Component: SharedFirstDays },
  { meta: sharedKeepAskingMeta, Component: SharedKeepAsking },
  { meta: sharedMeetSlowlyMeta, Component: SharedMeetSlowly },
  { meta: sharedMentalHealthFirstMeta, Component: SharedMentalHealthFirst },
  { meta: sharedMoreTime2Meta, Component: SharedMoreTime2 },
  { meta: sharedMoreTime3Meta, Component: SharedMoreTime3 },
  { meta: sharedMoreTimeMeta, Component: SharedMoreTime },
  { meta: sharedMoveForwardMeta, Component: SharedMoveForward },
  { meta: sharedNewChapterMeta, Component: SharedNewChapter },
  { meta: sharedNoAnswerMeta, Component: SharedNoAnswer },
  { meta: sharedOwnPaceMeta, Component: SharedOwnPace },
  { meta: sharedPersonalGrowthMeta, Component: SharedPersonalGrowth },
  { meta: sharedReadinessMeta, Component: SharedReadiness },
  { meta: sharedSelfEsteemMeta, Component: SharedSelfEsteem },
  { meta: sharedStartAgainMeta, Component: SharedStartAgain },
  { meta: sharedTogetherMeta, Component: SharedTogether },
  { meta: sharedTriggersMeta, Component: SharedTriggers },
  { meta: sharedUnsentLetterMeta, Component: SharedUnsentLetter },
  { meta: stressBreakCheck2Meta, Component: StressBreakCheck2 },
  { meta: stressBreakCheck3Meta, Component: StressBreakCheck3 },
  { meta: stressBreakCheckMeta, Component: StressBreakCheck },
  { meta: stressBreakLongMeta, Component: StressBreakLong },
  { meta: stressDay00Meta, Component: StressDay00 },
  { meta: stressDay01Meta, Component: StressDay01 },
  { meta: stressDay02Meta, Component: StressDay02 },
  { meta: stressDay03Meta, Component: StressDay03 },
  { meta: stressDay04Meta, Component: StressDay04 },
  { meta: stressDay05Meta, Component: StressDay05 },
  { meta: stressDay07Meta, Component: StressDay07 },
  { meta: stressDay10Meta, Component: StressDay10 },
  { meta: stressDay17Meta, Component: StressDay17 },
  { meta: stressDay21Meta, Component: StressDay21 },
  { meta: stressDay28Meta, Component: StressDay28 },
  { meta: tumultuousDay00Meta, Component: TumultuousDay00 },
  { meta: tumultuousDay01Meta, Component: TumultuousDay01 },
  { meta: tumultuousDay03Meta, Component: TumultuousDay03 },
  { meta: tumultuousDay16Meta, Component: TumultuousDay16 },
  { meta: tumultuousDay20Meta, Component: TumultuousDay20 },
  { meta: tumultuousDay24Meta, Component: TumultuousDay24 },
  { meta: tumultuousDay26Meta, Component: TumultuousDay26 },
  { meta: tumultuousDay30Meta, Component: TumultuousDay30 },
  { meta: tumultuousDay31Meta, Component: TumultuousDay31 },
  { meta: tumultuousDay37Meta, Component: TumultuousDay37 },
  { meta: tumultuousDay45Meta, Component: TumultuousDay45 },
];

export const lessonTemplates: ReadonlyMap<string, LessonTemplate> = new Map(allLessonTemplates.map((t) => [t.meta.id, t]));
